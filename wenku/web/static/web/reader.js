/* The reader on the document page. The free preview pages and their text layers are in the
   HTML (no script needed to read or select them); this adds, for every reader:
   - text layers of further pages (buyers, owner), loaded as they come near the screen;
   - each span's width fitted to its line on the image (the server's scale is an estimate);
   - page jump (第 N 页), "search in this document" with highlights, full screen, keys
     (←/→, ↑/↓, PageUp/PageDown, j/k: previous/next page);
   - the reading position: localStorage, and for members the server (the anonymous page
     carries no member data; data-position-url is only on members' pages);
   - copy blocked when the author switched it off (a deterrent: the text is in the page). */
(function () {
  "use strict";
  var section = document.querySelector("section.previews[data-layer-url]");
  if (!section) { return; }
  var bar = document.querySelector(".reader-bar");
  var docId = section.getAttribute("data-doc");
  var readable = Number(section.getAttribute("data-readable")) || 0;
  var layerUrl = section.getAttribute("data-layer-url");
  var findUrl = section.getAttribute("data-find-url");
  var positionUrl = section.getAttribute("data-position-url");
  var csrf = section.getAttribute("data-csrf");
  var storeKey = "wenku:page:" + docId;
  var current = 1;
  var loading = {};

  function t(name, values) {
    var text = section.getAttribute("data-t-" + name) || "";
    Object.keys(values || {}).forEach(function (key) { text = text.split("{" + key + "}").join(values[key]); });
    return text;
  }

  function figure(number) { return document.getElementById("page-" + number); }

  function figures() { return Array.prototype.slice.call(section.querySelectorAll("figure.page")); }

  /* --- text layers -------------------------------------------------------------------- */

  function fit(layer) {
    // The span's natural width against its line's width on the page (pdf.js does the same).
    var box = layer.getBoundingClientRect();
    if (!box.width) { return; }
    Array.prototype.forEach.call(layer.querySelectorAll("span[data-w]"), function (span) {
      span.style.transform = "none";
      var natural = span.getBoundingClientRect().width;
      var wanted = Number(span.getAttribute("data-w")) / 100 * box.width;
      if (natural > 0 && wanted > 0) { span.style.transform = "scaleX(" + (wanted / natural) + ")"; }
    });
  }

  function build(fig, spans) {
    var layer = document.createElement("div");
    layer.className = "text-layer";
    layer.setAttribute("data-loaded", "1");
    spans.forEach(function (item) {
      var span = document.createElement("span");
      span.textContent = item.text;
      span.style.left = item.left + "%";
      span.style.top = item.top + "%";
      span.style.fontSize = item.size + "cqw";
      span.style.transform = "scaleX(" + item.scale + ")";
      span.setAttribute("data-w", item.width);
      layer.appendChild(span);
      layer.appendChild(document.createElement("br"));
    });
    fig.querySelector(".page-box").appendChild(layer);
    fit(layer);
    return layer;
  }

  function loadLayer(number) {
    var fig = figure(number);
    if (!fig) { return Promise.resolve(null); }
    var existing = fig.querySelector(".text-layer");
    if (existing) { return Promise.resolve(existing); }
    if (!loading[number]) {
      loading[number] = fetch(layerUrl.replace(/\/0\.json$/, "/" + number + ".json"), { credentials: "same-origin" })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (data) { return data ? build(fig, data.spans) : null; })
        .catch(function () { delete loading[number]; return null; });
    }
    return loading[number];
  }

  /* --- where the reader is ------------------------------------------------------------ */

  var visible = {};
  function track(entries) {
    entries.forEach(function (entry) {
      var number = Number(entry.target.getAttribute("data-page"));
      if (entry.isIntersecting) {
        visible[number] = entry.intersectionRatio;
        loadLayer(number);
        loadLayer(number + 1);
      } else {
        delete visible[number];
      }
    });
    var best = null;
    Object.keys(visible).forEach(function (key) {
      if (best === null || visible[key] > visible[best] || (visible[key] === visible[best] && Number(key) < Number(best))) { best = key; }
    });
    if (best !== null && Number(best) !== current) {
      current = Number(best);
      if (jumpInput && document.activeElement !== jumpInput) { jumpInput.value = current; }
      savePosition();
    }
  }
  if (window.IntersectionObserver) {
    var observer = new IntersectionObserver(track, { rootMargin: "200px 0px", threshold: [0, 0.25, 0.5, 0.75, 1] });
    figures().forEach(function (fig) { observer.observe(fig); });
  }

  var saveTimer = null;
  var started = false;  // nothing is saved until the remembered position has been applied
  function savePosition() {
    if (!started) { return; }
    try { window.localStorage.setItem(storeKey, String(current)); } catch (e) { /* private mode */ }
    if (!positionUrl) { return; }
    window.clearTimeout(saveTimer);
    saveTimer = window.setTimeout(sendPosition, 800);
  }
  function sendPosition() {
    if (!positionUrl) { return; }
    fetch(positionUrl, {
      method: "POST", credentials: "same-origin", keepalive: true,
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf },
      body: JSON.stringify({ page: current })
    }).catch(function () { return null; });
  }
  window.addEventListener("pagehide", function () { if (saveTimer) { window.clearTimeout(saveTimer); sendPosition(); } });

  function goTo(number, smooth) {
    number = Math.max(1, Math.min(readable, Number(number) || 1));
    var fig = figure(number);
    if (!fig) { return; }
    fig.scrollIntoView({ behavior: smooth ? "smooth" : "auto", block: "start" });
    current = number;
    if (jumpInput) { jumpInput.value = number; }
    savePosition();
    loadLayer(number);
  }

  function remembered() {
    var local = null;
    try { local = Number(window.localStorage.getItem(storeKey)) || null; } catch (e) { local = null; }
    if (!positionUrl) { return Promise.resolve(local); }
    return fetch(positionUrl, { credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.json() : {}; })
      .then(function (data) { return data.page || local; })
      .catch(function () { return local; });
  }

  function resume() {
    if (window.location.hash) { started = true; return; }
    remembered().then(function (page) {
      if (page && page > 1 && page <= readable) {
        goTo(page, false);
        var status = bar && bar.querySelector(".find-status");
        if (status) { status.textContent = t("back", { page: page }); }
      }
      started = true;
    });
  }

  /* --- toolbar ------------------------------------------------------------------------ */

  var jumpInput = bar ? bar.querySelector(".reader-jump input[name=page]") : null;
  if (bar) {
    bar.hidden = false;
    bar.querySelector(".reader-jump").addEventListener("submit", function (event) {
      event.preventDefault();
      goTo(jumpInput.value, false);
    });
    bar.querySelector(".reader-find").addEventListener("submit", function (event) {
      event.preventDefault();
      find(bar.querySelector(".reader-find input[name=q]").value);
    });
    var full = bar.querySelector(".reader-fullscreen");
    var wrap = document.querySelector(".reader") || section;
    if (!wrap.requestFullscreen) { full.hidden = true; }
    full.addEventListener("click", function () {
      var page = current;
      if (document.fullscreenElement) { document.exitFullscreen(); return; }
      wrap.requestFullscreen().then(function () { goTo(page, false); }).catch(function () { return null; });
    });
  }

  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if (event.altKey || event.ctrlKey || event.metaKey || (target && /^(INPUT|TEXTAREA|SELECT|BUTTON)$/.test(target.tagName)) || (target && target.isContentEditable)) { return; }
    var step = { ArrowRight: 1, ArrowDown: 1, PageDown: 1, j: 1, ArrowLeft: -1, ArrowUp: -1, PageUp: -1, k: -1 }[event.key];
    if (!step) { return; }
    event.preventDefault();
    goTo(current + step, false);
  });

  /* --- search in this document -------------------------------------------------------- */

  function normalised(text) { return text.replace(/\s+/g, "").toLowerCase(); }

  function highlight(layer, query) {
    // Characters of the layer's spans without blanks, each mapped back to its text node.
    var needle = normalised(query);
    var map = [];
    var flat = "";
    Array.prototype.forEach.call(layer.querySelectorAll("span"), function (span) {
      var node = span.firstChild;
      if (!node) { return; }
      var text = node.nodeValue;
      for (var i = 0; i < text.length; i++) {
        if (!/\s/.test(text[i])) { flat += text[i].toLowerCase(); map.push([node, i]); }
      }
    });
    var box = layer.getBoundingClientRect();
    var hits = [];
    for (var at = flat.indexOf(needle); needle && at >= 0; at = flat.indexOf(needle, at + needle.length)) {
      for (var k = at; k < at + needle.length; k++) {
        var range = document.createRange();
        range.setStart(map[k][0], map[k][1]);
        range.setEnd(map[k][0], map[k][1] + 1);
        Array.prototype.forEach.call(range.getClientRects(), function (rect) {
          var mark = document.createElement("mark");
          mark.className = "hit";
          mark.style.left = ((rect.left - box.left) / box.width * 100) + "%";
          mark.style.top = ((rect.top - box.top) / box.height * 100) + "%";
          mark.style.width = (rect.width / box.width * 100) + "%";
          mark.style.height = (rect.height / box.height * 100) + "%";
          layer.parentNode.appendChild(mark);
          hits.push(mark);
        });
      }
    }
    return hits;
  }

  function find(query) {
    var status = bar.querySelector(".find-status");
    Array.prototype.forEach.call(section.querySelectorAll("mark.hit"), function (m) { m.remove(); });
    if (!query.trim()) { status.textContent = ""; return; }
    fetch(findUrl + "?q=" + encodeURIComponent(query), { credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.json() : { pages: [] }; })
      .then(function (data) {
        if (!data.pages.length) { status.textContent = t("none"); return; }
        var first = data.pages[0];
        status.textContent = t("found", { page: first.number, count: first.count, total: data.total });
        goTo(first.number, false);
        data.pages.slice(0, 20).forEach(function (page, index) {
          loadLayer(page.number).then(function (layer) {
            if (!layer) { return; }
            var hits = highlight(layer, query);
            if (index === 0 && hits.length) {
              hits[0].classList.add("current");
              hits[0].scrollIntoView({ block: "center" });
            }
          });
        });
      })
      .catch(function () { status.textContent = t("none"); });
  }

  /* --- copying switched off ----------------------------------------------------------- */

  if (section.classList.contains("no-copy")) {
    // Any copy whose selection touches the document (its pages or its text block) copies
    // nothing, whatever made the selection (mouse, Ctrl+A, a script).
    var article = section.closest("article") || section;
    ["copy", "cut"].forEach(function (name) {
      document.addEventListener(name, function (event) {
        var selection = window.getSelection();
        for (var i = 0; selection && i < selection.rangeCount; i++) {
          if (selection.getRangeAt(i).intersectsNode(article)) {
            event.preventDefault();
            if (event.clipboardData) { event.clipboardData.setData("text/plain", ""); }
            return;
          }
        }
      });
    });
  }

  Array.prototype.forEach.call(section.querySelectorAll(".text-layer"), fit);
  var resizeTimer = null;
  window.addEventListener("resize", function () {
    window.clearTimeout(resizeTimer);
    resizeTimer = window.setTimeout(function () {
      Array.prototype.forEach.call(section.querySelectorAll(".text-layer"), fit);
    }, 200);
  });
  resume();
})();
