/* Live conversion progress: polls /d/<id>/status.json each second for unfinished documents
   and updates the status, stage, progress bar, page counts and failure reason in place; a
   ready document whose scanned pages are still being read shows "识别文字 12/40". */
(function () {
  "use strict";
  var FINAL = { ready: true, failed: true };
  var boxes = Array.prototype.slice.call(document.querySelectorAll("[data-status-url]"));
  var active = boxes.filter(function (box) { return !FINAL[box.getAttribute("data-status")]; });
  if (!active.length || !window.fetch) { return; }

  function field(box, name) {
    var scope = box.closest(".my-doc, .owner-panel") || box;
    return scope.querySelector('[data-field="' + name + '"]');
  }

  function render(box, data) {
    var done = FINAL[data.status];
    var ocr = field(box, "ocr_label");
    if (ocr) { ocr.textContent = data.ocr_label || ""; ocr.hidden = !data.ocr_active; }
    var total = data.progress_total || data.page_count || 0;
    box.setAttribute("data-status", data.status);
    var label = field(box, "status_label");
    if (label) {
      label.textContent = data.status_label;
      label.className = "status status-" + data.status;
    }
    var stage = field(box, "stage_label");
    if (stage) { stage.textContent = done ? "" : (data.stage_label || ""); }
    var bar = field(box, "progress");
    if (bar) { bar.value = data.percent || 0; bar.textContent = (data.percent || 0) + "%"; bar.hidden = done; }
    var counts = field(box, "counts");
    if (counts) {
      counts.textContent = (!done && total)
        ? (box.getAttribute("data-counts-format") || "{done} / {total}")
            .replace("{done}", data.pages_done || 0).replace("{total}", total)
        : "";
    }
    var reason = field(box, "reason");
    if (reason) { reason.textContent = data.reason || ""; reason.hidden = !data.reason; }
    var retry = field(box, "retry");
    if (retry) { retry.hidden = data.status !== "failed"; }
    return done && !data.ocr_active;
  }

  var busy = false;
  function tick() {
    if (busy || !active.length) { return; }
    busy = true;
    Promise.all(active.map(function (box) {
      return fetch(box.getAttribute("data-status-url"), {
        credentials: "same-origin", headers: { Accept: "application/json" }, cache: "no-store"
      }).then(function (response) {
        if (!response.ok) { throw new Error(response.status); }
        return response.json();
      }).then(function (data) {
        return render(box, data) ? box : null;
      }).catch(function () { return null; });
    })).then(function (finished) {
      active = active.filter(function (box) { return finished.indexOf(box) === -1; });
      busy = false;
      if (!active.length) { clearInterval(timer); }
    });
  }
  var timer = setInterval(tick, 1000);
  tick();
})();
