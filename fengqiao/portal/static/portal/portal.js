/* Small progressive enhancements for the resident portal; every page works without them. */
(function () {
  "use strict";

  /* The community list shows only the communities of the chosen street. */
  function linkRegionSelects() {
    var street = document.getElementById("id_street");
    var community = document.getElementById("id_community");
    if (!street || !community) { return; }
    var placeholder = community.querySelector('option[value=""]');
    var options = Array.prototype.map.call(community.querySelectorAll("option[data-parent]"), function (o) {
      return o.cloneNode(true);
    });
    function refresh() {
      var chosen = community.value;
      while (community.firstChild) { community.removeChild(community.firstChild); }
      if (placeholder) { community.appendChild(placeholder); }
      var matching = options.filter(function (o) { return o.getAttribute("data-parent") === street.value; });
      matching.forEach(function (o) {
        var copy = o.cloneNode(true);
        copy.selected = copy.value === chosen;
        community.appendChild(copy);
      });
      if (!matching.some(function (o) { return o.value === chosen; })) { community.value = ""; }
      community.disabled = matching.length === 0;
    }
    street.addEventListener("change", refresh);
    refresh();
  }

  /* "已输入 n 字" under long text fields. */
  function countCharacters() {
    document.querySelectorAll("[data-count-for]").forEach(function (counter) {
      var field = document.getElementById(counter.getAttribute("data-count-for"));
      if (!field) { return; }
      var max = field.getAttribute("maxlength") || "";
      var template = counter.getAttribute("data-template");
      function update() {
        counter.textContent = template.replace("{n}", String(field.value.length)).replace("{max}", max);
      }
      counter.hidden = false;
      field.addEventListener("input", update);
      update();
    });
  }

  /* A slow network must not turn one tap into two submissions. */
  function submitOnce() {
    document.querySelectorAll("form[data-submit-once]").forEach(function (form) {
      form.addEventListener("submit", function () {
        var button = form.querySelector("button[type=submit]");
        if (!button) { return; }
        window.setTimeout(function () {
          button.disabled = true;
          if (button.getAttribute("data-busy-label")) { button.textContent = button.getAttribute("data-busy-label"); }
        }, 0);
      });
    });
  }

  /* Coming back to the page from the browser history gives the button back. */
  window.addEventListener("pageshow", function () {
    document.querySelectorAll("form[data-submit-once] button[type=submit]").forEach(function (button) {
      button.disabled = false;
    });
  });

  function copyButtons() {
    if (!navigator.clipboard) { return; }
    document.querySelectorAll("[data-copy]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        navigator.clipboard.writeText(button.getAttribute("data-copy")).then(function () {
          button.textContent = button.getAttribute("data-copied-label");
        });
      });
    });
  }

  /* The language list switches as soon as a language is chosen. */
  function languageSwitch() {
    var select = document.getElementById("lang-select");
    if (!select) { return; }
    select.addEventListener("change", function () { select.form.submit(); });
    var button = select.form.querySelector("[data-auto-hide]");
    if (button) { button.hidden = true; }
  }

  function start() {
    linkRegionSelects();
    countCharacters();
    submitOnce();
    copyButtons();
    languageSwitch();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
}());
