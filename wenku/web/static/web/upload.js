/* Upload with a byte progress bar (XMLHttpRequest upload.progress), then go to My documents.
   Without JavaScript the form posts normally. */
(function () {
  "use strict";
  var form = document.getElementById("upload-form");
  if (!form || !window.FormData || !window.XMLHttpRequest) { return; }
  var input = form.querySelector('input[type="file"]');
  var box = form.querySelector(".upload-progress");
  var bar = box.querySelector("progress");
  var status = box.querySelector(".upload-status");
  var errors = form.querySelector(".js-errors");
  var submit = form.querySelector('button[type="submit"]');

  function text(key, values) {
    var s = form.getAttribute("data-" + key) || "";
    Object.keys(values || {}).forEach(function (k) { s = s.split("{" + k + "}").join(values[k]); });
    return s;
  }

  function showErrors(list) {
    errors.textContent = "";
    if (!list.length) { errors.hidden = true; return; }
    var ul = document.createElement("ul");
    list.forEach(function (message) {
      var li = document.createElement("li");
      li.textContent = message.text || message;
      if (message.url) {  // the member's own copy of a re-uploaded file
        var a = document.createElement("a");
        a.href = message.url;
        a.textContent = " →";
        li.appendChild(a);
      }
      ul.appendChild(li);
    });
    errors.appendChild(ul);
    errors.hidden = false;
    errors.scrollIntoView({ block: "nearest" });
  }

  function checkFiles() {
    var problems = [];
    var files = input ? input.files : [];
    var maxFiles = parseInt(input.getAttribute("data-max-files"), 10);
    var maxBytes = parseInt(input.getAttribute("data-max-bytes"), 10);
    if (maxFiles && files.length > maxFiles) { problems.push(text("too-many", { max: maxFiles })); }
    for (var i = 0; i < files.length; i++) {
      if (maxBytes && files[i].size > maxBytes) {
        problems.push(text("too-large", { name: files[i].name, mb: Math.round(maxBytes / 1048576) }));
      }
    }
    return problems;
  }

  if (input) { input.addEventListener("change", function () { showErrors(checkFiles()); }); }

  form.addEventListener("submit", function (event) {
    var problems = checkFiles();
    if (problems.length) { event.preventDefault(); showErrors(problems); return; }
    if (!input || !input.files.length) { return; }  // let the server say what is missing
    event.preventDefault();
    showErrors([]);
    var xhr = new XMLHttpRequest();
    xhr.open("POST", form.action);
    xhr.setRequestHeader("X-Requested-With", "XMLHttpRequest");
    xhr.upload.addEventListener("progress", function (e) {
      if (!e.lengthComputable) { return; }
      var percent = Math.floor(e.loaded * 100 / e.total);
      bar.value = percent;
      status.textContent = percent >= 100 ? text("processing") : text("uploading", {
        done: (e.loaded / 1048576).toFixed(1), total: (e.total / 1048576).toFixed(1), percent: percent
      });
    });
    xhr.addEventListener("load", function () {
      var data = null;
      try { data = JSON.parse(xhr.responseText); } catch (err) { data = null; }
      if (data && data.redirect) { window.location.assign(data.redirect); return; }
      submit.disabled = false;
      box.hidden = true;
      var list = [];
      if (data && data.errors) {
        Object.keys(data.errors).forEach(function (name) {
          var label = form.querySelector('label[for="id_' + name + '"]');
          data.errors[name].forEach(function (message) {
            list.push((label && name !== "__all__" ? label.textContent.replace(/[:：]\s*$/, "") + ": " : "") + message);
          });
        });
      }
      if (data && data.rejected) {
        data.rejected.forEach(function (r) {
          list.push({ text: r.filename + ": " + r.reason, url: r.url || "" });
        });
      }
      if (!list.length) { list.push(text("failed")); }
      showErrors(list);
    });
    xhr.addEventListener("error", function () {
      submit.disabled = false;
      box.hidden = true;
      showErrors([text("failed")]);
    });
    submit.disabled = true;
    bar.value = 0;
    box.hidden = false;
    xhr.send(new FormData(form));
  });
})();
