/* Pages beyond the free preview that a reader may read (buyer, owner, staff) are rendered by
   the worker when the document page opens. This fills their placeholders in as they arrive:
   it polls /d/<id>/pages.json for the placeholders from the one nearest the screen onwards
   (the server queues those next) and swaps each ready one for its image. Without JavaScript
   the page refreshes itself (a <noscript> meta refresh) and each placeholder has a link. */
(function () {
  "use strict";
  var section = document.querySelector("[data-pages-url]");
  if (!section || !window.fetch) { return; }
  var url = section.getAttribute("data-pages-url");
  var alt = section.getAttribute("data-alt") || "";
  var polls = 0;

  function placeholders() {
    return Array.prototype.slice.call(section.querySelectorAll(".page-missing[data-page]"));
  }

  function nearest(list) {
    // The first placeholder at or below the top of the screen; else the last one above it.
    for (var i = 0; i < list.length; i++) {
      if (list[i].getBoundingClientRect().bottom >= 0) { return list[i]; }
    }
    return list[list.length - 1];
  }

  function fill(box, image) {
    var img = document.createElement("img");
    img.src = image.src;
    img.srcset = image.srcset;
    img.sizes = "(max-width: 860px) 100vw, 820px";
    img.width = image.width;
    img.height = image.height;
    img.decoding = "async";
    img.alt = alt.replace("{number}", image.number);
    box.parentNode.replaceChild(img, box);
  }

  function poll() {
    var list = placeholders();
    if (!list.length) { return; }
    var from = Number(nearest(list).getAttribute("data-page"));
    var to = Number(list[list.length - 1].getAttribute("data-page"));
    var query = "?from=" + from + "&to=" + to + "&near=" + from;
    fetch(url + query, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (data) {
          list.forEach(function (box) {
            var image = data.images[box.getAttribute("data-page")];
            if (image) { fill(box, image); }
          });
        }
        schedule();
      })
      .catch(schedule);
  }

  function schedule() {
    polls += 1;
    if (placeholders().length && polls < 600) {
      window.setTimeout(poll, polls < 60 ? 1500 : 6000);  // slower after a minute and a half
    }
  }

  poll();
})();
