// Progressive enhancement for the htmx forms. The pages work without this file.
(function () {
  "use strict";

  var body = document.body;
  var SVG = "http://www.w3.org/2000/svg";

  function announce(text) {
    var region = document.getElementById("live-announcer");
    if (!region || !text) return;
    region.textContent = "";
    window.setTimeout(function () { region.textContent = text; }, 50);
  }

  function each(root, selector, fn) {
    if (root.matches && root.matches(selector)) fn(root);
    if (root.querySelectorAll) root.querySelectorAll(selector).forEach(fn);
  }

  // An inline icon (24-unit heroicons paths), drawn here: the CSP allows no inline markup tricks.
  function icon(paths, filled) {
    var svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("viewBox", filled ? "0 0 20 20" : "0 0 24 24");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("fill", filled ? "currentColor" : "none");
    if (!filled) {
      svg.setAttribute("stroke", "currentColor");
      svg.setAttribute("stroke-width", "1.5");
    }
    paths.forEach(function (d) {
      var path = document.createElementNS(SVG, "path");
      path.setAttribute("d", d);
      if (filled) path.setAttribute("fill-rule", "evenodd");
      else {
        path.setAttribute("stroke-linecap", "round");
        path.setAttribute("stroke-linejoin", "round");
      }
      svg.appendChild(path);
    });
    return svg;
  }
  var EYE = [
    "M2.04 12.32a1 1 0 0 1 0-.64C3.42 7.51 7.36 4.5 12 4.5s8.57 3 9.96 7.18a1 1 0 0 1 0 .64C20.58 16.49 16.64 19.5 12 19.5s-8.57-3-9.96-7.18Z",
    "M15 12a3 3 0 1 1-6 0 3 3 0 0 1 6 0Z"
  ];
  var EYE_OFF = [
    "M3.98 8.22A10.5 10.5 0 0 0 1.93 12c1.3 4.34 5.31 7.5 10.07 7.5.99 0 1.95-.14 2.86-.4M6.23 6.23A10.45 10.45 0 0 1 12 4.5c4.76 0 8.77 3.16 10.07 7.5a10.52 10.52 0 0 1-4.3 5.77M6.23 6.23 3 3m3.23 3.23 3.65 3.65m7.89 7.89L21 21m-3.23-3.23-3.65-3.65m0 0a3 3 0 1 0-4.24-4.24m4.24 4.24L9.88 9.88"
  ];
  var ALERT = [
    "M18 10a8 8 0 1 1-16 0 8 8 0 0 1 16 0Zm-8-5a.75.75 0 0 1 .75.75v4.5a.75.75 0 0 1-1.5 0v-4.5A.75.75 0 0 1 10 5Zm0 10a1 1 0 1 0 0-2 1 1 0 0 0 0 2Z"
  ];

  // --- Errors: one region per form, cleared as soon as they are out of date -----------------

  // A field the person changes loses its error: the message, aria-invalid, and the link to it.
  function clearFieldError(input) {
    if (input.getAttribute("aria-invalid") !== "true") return;
    var errorId = input.id + "_error";
    var message = document.getElementById(errorId);
    if (message) message.remove();
    input.removeAttribute("aria-invalid");
    var rest = (input.getAttribute("aria-describedby") || "").split(/\s+/).filter(function (id) {
      return id && id !== errorId;
    });
    if (rest.length) input.setAttribute("aria-describedby", rest.join(" "));
    else input.removeAttribute("aria-describedby");
  }
  document.addEventListener("input", function (event) {
    if (event.target.matches && event.target.matches("input[aria-invalid='true']")) {
      clearFieldError(event.target);
    }
  });

  // A new request makes every error on the card out of date.
  document.addEventListener("htmx:beforeRequest", function (event) {
    var form = event.detail.elt;
    var card = form && form.closest ? form.closest("#auth-card") : null;
    if (!card || form.tagName !== "FORM") return;
    card.querySelectorAll("#form-errors").forEach(function (box) { box.remove(); });
    form.querySelectorAll("input[aria-invalid='true']").forEach(clearFieldError);
  });

  // A swapped-in form with errors: say the first one aloud (focus already moved by autofocus).
  document.addEventListener("htmx:afterSettle", function (event) {
    var card = document.getElementById("auth-card");
    if (!card || !card.contains(event.detail.elt) && event.detail.elt !== card) return;
    var error = card.querySelector("#form-errors, .field-error");
    if (error) announce(error.textContent.trim());
  });

  // No answer we can swap (network down, 403, 500): say so in the form's one error region
  // (the server's, if one is still there), focused and announced.
  function showProblem(event, text) {
    var form = event.detail.elt.closest ? event.detail.elt.closest("form") : null;
    if (!form) return;
    var box = (form.closest("#auth-card") || form).querySelector("#form-errors");
    if (!box) {
      box = document.createElement("div");
      box.id = "form-errors";
      box.className = "form-error";
      box.setAttribute("role", "alert");
      box.setAttribute("tabindex", "-1");
      form.insertBefore(box, form.firstChild);
    }
    var list = document.createElement("ul");
    var item = document.createElement("li");
    item.textContent = text;
    list.appendChild(item);
    box.replaceChildren(icon(ALERT, true), list);
    box.setAttribute("data-client-error", "");
    box.focus();
    announce(text);
  }
  document.addEventListener("htmx:sendError", function (event) {
    showProblem(event, body.dataset.offlineMessage);
  });
  document.addEventListener("htmx:responseError", function (event) {
    showProblem(event, body.dataset.failureMessage);
  });

  // --- Show password: an eye toggle inside each password field ------------------------------
  // Its name stays "Show password" and aria-pressed says whether it is on (a toggle button's
  // label must not change with its state). Passwords still never come back from the server.
  function addPasswordToggle(input) {
    var control = input.parentElement;
    if (!control || !control.classList.contains("field-control")) return;
    if (control.querySelector(".pw-toggle")) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "pw-toggle";
    button.setAttribute("aria-pressed", "false");
    button.setAttribute("aria-label", body.dataset.showPasswordLabel);
    if (input.id) button.setAttribute("aria-controls", input.id);
    button.appendChild(icon(EYE));
    button.addEventListener("click", function () {
      var show = button.getAttribute("aria-pressed") !== "true";
      input.type = show ? "text" : "password";
      button.setAttribute("aria-pressed", String(show));
      button.replaceChildren(icon(show ? EYE_OFF : EYE));
    });
    control.classList.add("has-toggle");
    control.appendChild(button);
  }

  // --- One-time codes: digits only, and sent when the sixth is typed or pasted -------------
  // A short grace before sending lets a habitual Enter be the one submission (and not land on
  // the next step instead); anything typed meanwhile, or a submission, cancels it.
  var CODE_LENGTH = 6;
  var CODE_GRACE_MS = 300;
  function codeReady(input) {
    var form = input.form;
    if (!form || !input.isConnected || form.classList.contains("htmx-request")) return false;
    if (input.value.length !== CODE_LENGTH) return false;
    // Only when nothing else is left to fill in the form.
    return Array.prototype.every.call(form.elements, function (el) {
      return el === input || el.tagName !== "INPUT" || el.type === "hidden" || el.hidden ||
        el.readOnly || el.value;
    });
  }
  function enhanceCode(input) {
    if (input.dataset.codeReady) return;
    input.dataset.codeReady = "1";
    var timer = null;
    input.addEventListener("input", function (event) {
      window.clearTimeout(timer);
      var digits = input.value.replace(/\D/g, "");
      if (digits !== input.value) input.value = digits;
      // One digit typed, or a paste: not a whole value set at once (an autofill, a script).
      var typed = event.inputType === "insertText" && event.data && event.data.length === 1;
      if (!(typed || event.inputType === "insertFromPaste") || !codeReady(input)) return;
      timer = window.setTimeout(function () {
        if (!codeReady(input)) return;
        input.form.requestSubmit(input.form.querySelector("button[type='submit']:not([name])"));
      }, CODE_GRACE_MS);
    });
    if (input.form) {
      input.form.addEventListener("submit", function () { window.clearTimeout(timer); });
    }
  }

  // --- A live checklist under a new password, from the pool's policy ------------------------
  var RULES = {
    MinimumLength: function (value, policy) { return Array.from(value).length >= policy.MinimumLength; },
    RequireUppercase: function (value) { return /\p{Lu}/u.test(value); },
    RequireLowercase: function (value) { return /\p{Ll}/u.test(value); },
    RequireNumbers: function (value) { return /\p{Nd}/u.test(value); },
    RequireSymbols: function (value) { return /[^\p{L}\p{N}]/u.test(value); }
  };
  function enhanceChecklist(list) {
    var field = list.closest(".field");
    var input = field && field.querySelector("input[data-password-policy]");
    if (!input) return;
    var policy;
    try { policy = JSON.parse(input.dataset.passwordPolicy); } catch (error) { return; }
    var items = [];
    list.querySelectorAll("li[data-rule]").forEach(function (item) {
      var rule = item.dataset.rule;
      if (!RULES[rule] || !policy[rule]) { item.remove(); return; }
      var text = item.querySelector("[data-rule-text]");
      if (text) text.textContent = text.textContent.replace("{n}", policy.MinimumLength);
      items.push(item);
    });
    if (!items.length) return;
    var status = list.querySelector("[data-checklist-status]");
    function update(speak) {
      var changed = [];
      items.forEach(function (item) {
        var met = RULES[item.dataset.rule](input.value, policy);
        var was = item.hasAttribute("data-met");
        item.toggleAttribute("data-met", met);
        var state = ": " + (met ? list.dataset.met : list.dataset.unmet);
        item.querySelector("[data-rule-state]").textContent = state;
        if (met !== was) changed.push(item.firstChild.textContent + state);
      });
      // Polite, and only for what changed: not every keystroke.
      if (speak && changed.length && status) status.textContent = changed.join(". ");
    }
    update(false);
    input.addEventListener("input", function () { update(true); });
    var help = document.getElementById(input.id + "_helptext");
    if (help) help.classList.add("sr-only"); // the list says it; screen readers keep the sentence
    list.hidden = false;
  }

  // --- The dev mailbox: copy buttons, local times, and polls that only swap what changed ----
  // Copy buttons show (CSS, on data-clipboard) only where there is a clipboard to write to.
  if (navigator.clipboard && window.isSecureContext) document.documentElement.dataset.clipboard = "";
  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("button[data-copy]") : null;
    if (!button || !navigator.clipboard) return;
    navigator.clipboard.writeText(button.dataset.copy).then(function () {
      var label = button.querySelector("[data-copy-label]");
      var done = button.closest("[data-copied]").dataset.copied;
      var idle = label.textContent;
      label.textContent = done;
      announce(done);
      window.setTimeout(function () { label.textContent = idle; }, 2000);
    });
  });
  function localTimes(root) {
    each(root, "time[datetime]", function (time) {
      var when = new Date(time.dateTime);
      if (!isNaN(when)) time.title = when.toLocaleString();
    });
  }
  // What a person reads in the list (not the copy buttons' own words, which change on a click):
  // a poll that brings nothing new is not swapped in, so nothing moves under the pointer.
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

  function enhance(root) {
    each(root, ".field-control > input[type='password']", addPasswordToggle);
    each(root, "input[autocomplete='one-time-code']", enhanceCode);
    each(root, "[data-password-checklist][hidden]", enhanceChecklist);
    localTimes(root);
  }
  enhance(document);
  document.addEventListener("htmx:load", function (event) { enhance(event.detail.elt); });
})();
