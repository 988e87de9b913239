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

  // Other scripts (mailbox.js) ask for words to be said aloud with this event.
  document.addEventListener("auth:announce", function (event) { announce(event.detail); });

  function each(root, selector, fn) {
    if (root.matches && root.matches(selector)) fn(root);
    if (root.querySelectorAll) root.querySelectorAll(selector).forEach(fn);
  }

  // An icon (heroicons paths; `filled`: the 20-unit solid set), built here: no markup to inject.
  function icon(paths, filled) {
    var svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("viewBox", filled ? "0 0 20 20" : "0 0 24 24");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("fill", filled ? "currentColor" : "none");
    if (filled) svg.setAttribute("fill-rule", "evenodd");
    else {
      svg.setAttribute("stroke", "currentColor");
      svg.setAttribute("stroke-width", "1.5");
      svg.setAttribute("stroke-linecap", "round");
      svg.setAttribute("stroke-linejoin", "round");
    }
    paths.forEach(function (d) {
      var path = document.createElementNS(SVG, "path");
      path.setAttribute("d", d);
      svg.appendChild(path);
    });
    return svg;
  }
  var EYE = [
    "M2.04 12.32a1 1 0 0 1 0-.64C3.42 7.51 7.36 4.5 12 4.5s8.57 3 9.96 7.18a1 1 0 0 1 0 .64C20.58 16.49 16.64 19.5 12 19.5s-8.57-3-9.96-7.18Z",
    "M15 12a3 3 0 1 1-6 0 3 3 0 0 1 6 0Z"
  ];
  var EYE_OFF = EYE.concat(["m3 3 18 18"]);
  var ALERT = [
    "M18 10a8 8 0 1 1-16 0 8 8 0 0 1 16 0Zm-8-5a.75.75 0 0 1 .75.75v4.5a.75.75 0 0 1-1.5 0v-4.5A.75.75 0 0 1 10 5Zm0 10a1 1 0 1 0 0-2 1 1 0 0 0 0 2Z"
  ];

  // --- Errors: one region per form, gone as soon as they are out of date ---------------------
  // A field the person changes loses its error: the message, aria-invalid, the link to it.
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

  // No answer to swap in (offline, 403, 500): the form's one error region says so, focused.
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
  // Its name stays put and aria-pressed gives its state (a toggle's label must not change).
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

  // --- One-time codes: digits only, sent when the sixth is typed or pasted -----------------
  // After a short grace, so that a habitual Enter is the one submission (not one on the next
  // step): by then the form is busy or gone.
  var CODE_LENGTH = 6;
  var CODE_GRACE_MS = 300;
  function codeReady(input) {
    var form = input.form;
    if (!form || !input.isConnected || form.classList.contains("htmx-request")) return false;
    if (input.value.length !== CODE_LENGTH) return false;
    // Nothing else left to fill in.
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
      // A digit typed or a paste; not a value set whole (autofill, a script).
      var typed = event.inputType === "insertText" && event.data && event.data.length === 1;
      if (!(typed || event.inputType === "insertFromPaste") || !codeReady(input)) return;
      timer = window.setTimeout(function () {
        if (!codeReady(input)) return;
        input.form.requestSubmit(input.form.querySelector("button[type='submit']:not([name])"));
      }, CODE_GRACE_MS);
    });
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
      // Politely, and only what changed: not every keystroke.
      if (speak && changed.length && status) status.textContent = changed.join(". ");
    }
    update(false);
    input.addEventListener("input", function () { update(true); });
    var help = document.getElementById(input.id + "_helptext");
    if (help) help.classList.add("sr-only"); // still the field's description
    list.hidden = false;
  }

  // --- A button resting after a code was sent (data-wait-seconds): count down, then enable --
  function countDown(button) {
    if (button.dataset.counting) return;
    button.dataset.counting = "1";
    var left = parseInt(button.dataset.waitSeconds, 10) || 0;
    var clock = button.querySelector("[data-wait-countdown]");
    var timer = window.setInterval(function () {
      left -= 1;
      if (!button.isConnected) return window.clearInterval(timer);
      if (left > 0) {
        if (!clock) return;
        clock.textContent = Math.floor(left / 60) + ":" + String(left % 60).padStart(2, "0");
        clock.setAttribute("datetime", "PT" + left + "S");
        return;
      }
      window.clearInterval(timer);
      if (clock) clock.parentElement.remove();
      button.removeAttribute("data-wait-seconds");
      button.disabled = false;
    }, 1000);
  }

  // --- Passkeys: their script (static/js/passkeys.js) only for a page that offers one ------
  var passkeysLoading = false;
  function loadPasskeys() {
    if (passkeysLoading || !body.dataset.passkeysScript) return;
    passkeysLoading = true;
    var script = document.createElement("script");
    script.src = body.dataset.passkeysScript;
    document.head.appendChild(script);
  }

  function enhance(root) {
    each(root, "[data-passkey-button], [data-passkey-request], [data-passkey-create]", loadPasskeys);
    each(root, ".field-control > input[type='password']", addPasswordToggle);
    each(root, "input[autocomplete='one-time-code']", enhanceCode);
    each(root, "[data-password-checklist][hidden]", enhanceChecklist);
    each(root, "button[data-wait-seconds]", countDown);
  }
  enhance(document);
  document.addEventListener("htmx:load", function (event) { enhance(event.detail.elt); });
})();
