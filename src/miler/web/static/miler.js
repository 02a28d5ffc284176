// miler: the little JavaScript the pages use. Everything works without it.
(function () {
  "use strict";
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.addEventListener("click", function () { window.print(); });
  });
  // copy a block of text (the intervals.icu workout); the button shows only where it works
  document.querySelectorAll("[data-copy]").forEach(function (button) {
    var source = document.getElementById(button.getAttribute("data-copy"));
    if (!source || !navigator.clipboard) { return; }
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(source.textContent).then(function () {
        button.textContent = "Copied";
      }, function () {
        button.textContent = "Select the text and copy it";
      });
    });
  });
  document.querySelectorAll("[data-back]").forEach(function (link) {
    if (window.history.length > 1) {
      link.addEventListener("click", function (event) { event.preventDefault(); window.history.back(); });
    }
  });
  // the runner's time zone puts their runs on their own dates
  document.querySelectorAll("input[data-timezone]").forEach(function (input) {
    if (!input.value && window.Intl) {
      input.value = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
    }
  });
  document.querySelectorAll("[data-dropzone]").forEach(function (zone) {
    var input = zone.querySelector("input[type=file]");
    var list = zone.querySelector("[data-files]");
    function show() {
      var names = Array.prototype.map.call(input.files, function (f) { return f.name; });
      list.textContent = names.length ? names.join(", ") : "";
    }
    ["dragenter", "dragover"].forEach(function (type) {
      zone.addEventListener(type, function (event) { event.preventDefault(); zone.classList.add("over"); });
    });
    ["dragleave", "drop"].forEach(function (type) {
      zone.addEventListener(type, function () { zone.classList.remove("over"); });
    });
    zone.addEventListener("drop", function (event) {
      event.preventDefault();
      if (event.dataTransfer && event.dataTransfer.files.length) {
        input.files = event.dataTransfer.files;
        show();
      }
    });
    input.addEventListener("change", show);
  });
  // a bulk import running on the server: poll its JSON twin, show the files read, and
  // reload the page (which then shows the report) when it ends
  document.querySelectorAll("[data-job]").forEach(function (box) {
    if (box.getAttribute("data-state") !== "running" || !window.fetch) { return; }
    var status = box.querySelector("[data-job-status]");
    var bar = box.querySelector("[data-job-progress]");
    function poll() {
      fetch(box.getAttribute("data-job"), { headers: { "Accept": "application/json" } })
        .then(function (response) { return response.json(); })
        .then(function (job) {
          if (job.state !== "running") { window.location.reload(); return; }
          if (job.total !== null) {
            status.textContent = "Read " + job.done + " of " + job.total + " files\u2026";
            bar.max = Math.max(job.total, 1);
            bar.value = job.done;
          }
          window.setTimeout(poll, 400);
        }, function () { window.setTimeout(poll, 2000); });
    }
    window.setTimeout(poll, 200);
  });
})();
