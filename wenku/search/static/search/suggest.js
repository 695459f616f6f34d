/* Title suggestions for search boxes: <input name="q" data-suggest[="/search/suggest"]>.
 * Progressive enhancement only: without this script the form simply submits.
 * ARIA combobox pattern; arrow keys, Enter, Escape and the mouse work. Picking a title puts
 * it in the box and submits the form. Styles come from search.css, loaded on first use.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  var cssHref = script && script.src ? script.src.replace(/suggest\.js(\?.*)?$/, "search.css") : "";
  var uid = 0;

  function loadCss() {
    if (!cssHref || document.querySelector("link[data-wk-suggest]")) return;
    var link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = cssHref;
    link.setAttribute("data-wk-suggest", "");
    document.head.appendChild(link);
  }

  function attach(input) {
    var endpoint = input.getAttribute("data-suggest") || "/search/suggest";
    var list = document.createElement("ul");
    var items = [];
    var active = -1;
    var timer = 0;
    var pending = null;
    var listId = "wk-suggest-" + ++uid;

    list.id = listId;
    list.className = "wk-suggest";
    list.setAttribute("role", "listbox");
    list.hidden = true;
    document.body.appendChild(list);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listId);
    loadCss();

    function close() {
      list.hidden = true;
      active = -1;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
    }

    function place() {
      var box = input.getBoundingClientRect();
      list.style.left = box.left + window.scrollX + "px";
      list.style.top = box.bottom + window.scrollY + 2 + "px";
      list.style.minWidth = box.width + "px";
    }

    function setActive(index) {
      if (items.length === 0) return;
      active = (index + items.length) % items.length;
      Array.prototype.forEach.call(list.children, function (li, i) {
        li.classList.toggle("is-active", i === active);
        li.setAttribute("aria-selected", i === active ? "true" : "false");
      });
      input.setAttribute("aria-activedescendant", listId + "-" + active);
    }

    function choose(index) {
      var item = items[index];
      if (!item) return;
      input.value = item.title;
      close();
      if (input.form) {
        if (input.form.requestSubmit) input.form.requestSubmit();
        else input.form.submit();
      }
    }

    function render(suggestions) {
      items = suggestions || [];
      list.textContent = "";
      items.forEach(function (item, i) {
        var li = document.createElement("li");
        li.id = listId + "-" + i;
        li.setAttribute("role", "option");
        li.setAttribute("aria-selected", "false");
        li.textContent = item.title; // text, never HTML
        li.addEventListener("mousedown", function (event) {
          event.preventDefault(); // keep focus in the input until chosen
          choose(i);
        });
        list.appendChild(li);
      });
      if (items.length === 0) return close();
      active = -1;
      place();
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }

    function fetchSuggestions() {
      var q = input.value.trim();
      if (!q) return close();
      if (pending) pending.abort();
      pending = window.AbortController ? new AbortController() : null;
      var url = endpoint + (endpoint.indexOf("?") < 0 ? "?" : "&") + "q=" + encodeURIComponent(q);
      fetch(url, { headers: { Accept: "application/json" }, signal: pending && pending.signal })
        .then(function (r) { return r.ok ? r.json() : { suggestions: [] }; })
        .then(function (data) {
          if (input.value.trim() === q) render(data.suggestions);
        })
        .catch(function () { /* aborted or offline: keep the plain search box */ });
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(fetchSuggestions, 150);
    });
    input.addEventListener("keydown", function (event) {
      if (list.hidden) return;
      if (event.key === "ArrowDown") { event.preventDefault(); setActive(active + 1); }
      else if (event.key === "ArrowUp") { event.preventDefault(); setActive(active - 1); }
      else if (event.key === "Escape") { close(); }
      else if (event.key === "Enter" && active >= 0) { event.preventDefault(); choose(active); }
    });
    input.addEventListener("blur", function () { setTimeout(close, 100); });
    window.addEventListener("resize", function () { if (!list.hidden) place(); });
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll('input[name="q"][data-suggest]'), attach);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
