// Follow a running estimate: update the progress bar, reload the page when the run has finished.
(function () {
  var box = document.querySelector("[data-run-status-url]");
  if (!box) return;
  var bar = box.querySelector("progress");
  var text = box.querySelector("[data-run-step]");
  function poll() {
    fetch(box.getAttribute("data-run-status-url"), { credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (status) {
        if (status.finished) { window.location.reload(); return; }
        bar.value = status.progress;
        bar.textContent = Math.round(status.progress * 100) + "%";
        if (text) text.textContent = Math.round(status.progress * 100) + "% (" + status.step + ")";
        window.setTimeout(poll, 1500);
      })
      .catch(function () { window.setTimeout(poll, 5000); });
  }
  window.setTimeout(poll, 1000);
})();
