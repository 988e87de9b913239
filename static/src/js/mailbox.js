// The dev mailbox (templates/dev/mailbox.html, only with the local stub): a copy button per
// code (shown when there is a clipboard to write to), local times, and a poll that swaps in
// only what changed. The site's pages don't load this file.
(function () {
  "use strict";

  if (navigator.clipboard && window.isSecureContext) document.documentElement.dataset.clipboard = "";
  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("button[data-copy]") : null;
    if (!button || !navigator.clipboard) return;
    navigator.clipboard.writeText(button.dataset.copy).then(function () {
      var label = button.querySelector("[data-copy-label]");
      var done = button.closest("[data-copied]").dataset.copied;
      var idle = label.textContent;
      label.textContent = done;
      document.dispatchEvent(new CustomEvent("auth:announce", { detail: done })); // app.js says it
      window.setTimeout(function () { label.textContent = idle; }, 2000);
    });
  });

  function localTimes(root) {
    root.querySelectorAll("time[datetime]").forEach(function (time) {
      var when = new Date(time.dateTime);
      if (!isNaN(when)) time.title = when.toLocaleString();
    });
  }
  localTimes(document);
  document.addEventListener("htmx:load", function (event) { localTimes(event.detail.elt); });

  // A poll that brings nothing new to read is not swapped in: nothing moves under the pointer.
  function mailboxText(root) {
    var copy = root.cloneNode(true);
    copy.querySelectorAll("[data-copy-label]").forEach(function (el) { el.remove(); });
    return copy.textContent.replace(/\s+/g, " ").trim();
  }
  document.addEventListener("htmx:beforeSwap", function (event) {
    var target = event.detail.target;
    if (!target || target.id !== "mailbox" || !event.detail.shouldSwap) return;
    var incoming = new DOMParser().parseFromString(event.detail.serverResponse, "text/html")
      .getElementById("mailbox");
    if (incoming && mailboxText(incoming) === mailboxText(target)) event.detail.shouldSwap = false;
  });
})();
