// Flock sign-up form: sends the form to the app proxy with fetch, shows each error beside its
// field (the app answers in the shopper's language), updates the phone placeholder for the
// chosen country, and runs the pop-up as an accessible dialog.
(function () {
  "use strict";

  function setError(form, field, message) {
    var el = form.querySelector('[data-flock-error="' + field + '"]');
    if (el) el.textContent = message || "";
    var input = form.querySelector('[name="' + field + '"]');
    if (input) {
      if (message) input.setAttribute("aria-invalid", "true");
      else input.removeAttribute("aria-invalid");
    }
  }

  function clearErrors(form) {
    form.querySelectorAll("[data-flock-error]").forEach(function (el) { setError(form, el.getAttribute("data-flock-error"), ""); });
  }

  function syncPlaceholder(form) {
    var select = form.querySelector("[data-flock-country]");
    var phone = form.querySelector("[data-flock-phone]");
    if (!select || !phone) return;
    var option = select.options[select.selectedIndex];
    phone.placeholder = option ? option.getAttribute("data-placeholder") || "" : "";
  }

  function submit(form, event) {
    event.preventDefault();
    clearErrors(form);
    var consent = form.querySelector("[data-flock-consent]");
    var hidden = form.querySelector('[name="consent_text"]');
    if (consent && hidden) hidden.value = consent.textContent.replace(/\s+/g, " ").trim();
    var button = form.querySelector('button[type="submit"]');
    var label = button.textContent;
    button.disabled = true;
    button.textContent = button.getAttribute("data-sending-label") || label;
    var status = form.querySelector("[data-flock-status]");
    var body = new URLSearchParams(new FormData(form));
    fetch(form.getAttribute("action"), { method: "POST", body: body, headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (answer) {
        if (answer.ok) {
          status.textContent = answer.message;
          button.textContent = label;
          form.querySelectorAll("input, select, button").forEach(function (el) { if (el.type !== "hidden") el.disabled = true; });
          return;
        }
        var first = null;
        (answer.errors || []).forEach(function (error) {
          setError(form, error.field, error.message);
          first = first || form.querySelector('[name="' + error.field + '"]');
        });
        if (first) first.focus();
      })
      .catch(function () { setError(form, "form", form.getAttribute("data-error-generic") || "Something went wrong. Please try again."); })
      .finally(function () {
        if (!status.textContent) { button.disabled = false; button.textContent = label; }
      });
  }

  function focusables(root) {
    return Array.prototype.filter.call(
      root.querySelectorAll('a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])'),
      function (el) { return el.offsetParent !== null || el === document.activeElement; }
    );
  }

  function setUpPopup(popup) {
    var dialog = popup.querySelector('[role="dialog"]');
    var opener = null;
    var shown = false;
    function close() {
      popup.hidden = true;
      document.removeEventListener("keydown", onKey, true);
      if (opener && typeof opener.focus === "function") opener.focus();
    }
    function onKey(event) {
      if (event.key === "Escape") { event.preventDefault(); close(); return; }
      if (event.key !== "Tab") return;
      var items = focusables(dialog);
      if (items.length === 0) return;
      var first = items[0];
      var last = items[items.length - 1];
      if (event.shiftKey && document.activeElement === first) { event.preventDefault(); last.focus(); }
      else if (!event.shiftKey && document.activeElement === last) { event.preventDefault(); first.focus(); }
      else if (!dialog.contains(document.activeElement)) { event.preventDefault(); first.focus(); }
    }
    function open() {
      if (shown) return;
      shown = true;
      opener = document.activeElement;
      popup.hidden = false;
      document.addEventListener("keydown", onKey, true);
      var items = focusables(dialog);
      var target = dialog.querySelector("input:not([type=hidden]), select") || items[0];
      if (target) target.focus();
    }
    popup.querySelectorAll("[data-flock-close]").forEach(function (el) { el.addEventListener("click", close); });
    if (popup.getAttribute("data-trigger") === "exit_intent") {
      document.addEventListener("mouseout", function (event) { if (!event.relatedTarget && event.clientY <= 0) open(); });
    } else {
      setTimeout(open, Math.max(0, Number(popup.getAttribute("data-delay") || "0")) * 1000);
    }
    popup.flockOpen = open;
  }

  function init() {
    document.querySelectorAll("[data-flock-signup]").forEach(function (form) {
      if (form.flockReady) return;
      form.flockReady = true;
      syncPlaceholder(form);
      var select = form.querySelector("[data-flock-country]");
      if (select) select.addEventListener("change", function () { syncPlaceholder(form); });
      form.addEventListener("submit", function (event) { submit(form, event); });
    });
    document.querySelectorAll("[data-flock-popup]").forEach(function (popup) {
      if (popup.flockReady) return;
      popup.flockReady = true;
      setUpPopup(popup);
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
