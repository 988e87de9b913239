// Passkeys: the browser's half of Cognito's WebAuthn ceremonies. The server hands us Cognito's
// options in a data attribute; we call navigator.credentials and post the answer back with
// htmx, where Cognito checks it. Without this file (or without passkeys in the browser) the
// passkey buttons stay hidden and every other way in still works.
(function () {
  "use strict";

  if (!window.PublicKeyCredential || !navigator.credentials || !window.htmx) return;

  // --- base64url <-> bytes (the options and answers are JSON; WebAuthn wants ArrayBuffers)
  function toBytes(value) {
    var base64 = value.replace(/-/g, "+").replace(/_/g, "/");
    while (base64.length % 4) base64 += "=";
    var binary = atob(base64);
    var bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes.buffer;
  }
  function toBase64url(buffer) {
    var bytes = new Uint8Array(buffer);
    var binary = "";
    for (var i = 0; i < bytes.length; i++) binary += String.fromCharCode(bytes[i]);
    return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }
  function withIds(list) {
    return (list || []).map(function (item) {
      return Object.assign({}, item, { id: toBytes(item.id) });
    });
  }

  function creationOptions(json) {
    var options = Object.assign({}, json, {
      challenge: toBytes(json.challenge),
      user: Object.assign({}, json.user, { id: toBytes(json.user.id) }),
      excludeCredentials: withIds(json.excludeCredentials),
    });
    return { publicKey: options };
  }
  function requestOptions(json) {
    var options = Object.assign({}, json, {
      challenge: toBytes(json.challenge),
      allowCredentials: withIds(json.allowCredentials),
    });
    return { publicKey: options };
  }

  // A PublicKeyCredential as JSON (what PublicKeyCredential.toJSON() gives, where it exists).
  function credentialJSON(credential) {
    if (typeof credential.toJSON === "function") return JSON.stringify(credential.toJSON());
    var response = credential.response;
    var answer = { clientDataJSON: toBase64url(response.clientDataJSON) };
    if (response.attestationObject) {
      answer.attestationObject = toBase64url(response.attestationObject);
      answer.transports = response.getTransports ? response.getTransports() : [];
    } else {
      answer.authenticatorData = toBase64url(response.authenticatorData);
      answer.signature = toBase64url(response.signature);
      if (response.userHandle) answer.userHandle = toBase64url(response.userHandle);
    }
    return JSON.stringify({
      id: credential.id,
      rawId: toBase64url(credential.rawId),
      type: credential.type,
      authenticatorAttachment: credential.authenticatorAttachment || undefined,
      response: answer,
      clientExtensionResults: credential.getClientExtensionResults(),
    });
  }

  function showProblem(root) {
    var box = root.querySelector("[data-passkey-problem]");
    if (!box) return;
    box.textContent = box.dataset.cancelled;
    box.hidden = false;
    box.focus();
  }

  function post(url, source, values) {
    htmx.ajax("POST", url, { source: source, values: values, target: "#auth-card", swap: "outerHTML" });
  }

  // Sign-in: the page came back with Cognito's request options.
  function answerRequest(element) {
    var form = element.closest("form");
    var card = element.closest("#auth-card") || document;
    var options;
    try {
      options = requestOptions(JSON.parse(element.dataset.passkeyRequest));
    } catch (error) {
      showProblem(card);
      return;
    }
    element.removeAttribute("data-passkey-request"); // one ceremony per answer from the server
    navigator.credentials.get(options).then(
      function (credential) {
        post(form.getAttribute("action"), form, { way: element.dataset.way, credential: credentialJSON(credential) });
      },
      function () { showProblem(card); }
    );
  }

  // Account settings: the page came back with Cognito's creation options.
  function answerCreation(element) {
    var card = element.closest("#auth-card") || document;
    var options;
    try {
      options = creationOptions(JSON.parse(element.dataset.passkeyCreate));
    } catch (error) {
      showProblem(card);
      return;
    }
    element.removeAttribute("data-passkey-create");
    navigator.credentials.create(options).then(
      function (credential) {
        var values = { credential: credentialJSON(credential) };
        if (element.dataset.next) values.next = element.dataset.next;
        post(element.dataset.answerUrl, element, values);
      },
      function () { showProblem(card); }
    );
  }

  function enhance(root) {
    if (!root.querySelectorAll) return;
    root.querySelectorAll("[data-passkey-button]").forEach(function (button) { button.hidden = false; });
    root.querySelectorAll("[data-passkey-request]").forEach(answerRequest);
    root.querySelectorAll("[data-passkey-create]").forEach(answerCreation);
  }

  document.addEventListener("htmx:load", function (event) { enhance(event.detail.elt); });
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { enhance(document); });
  } else {
    enhance(document);
  }
})();
