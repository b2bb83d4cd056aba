/*
 * TTCS page helpers. Loaded with `defer` on every page; no inline script is needed anywhere,
 * so a strict Content-Security-Policy (script-src 'self') can be enabled.
 *
 *  - CSRF token on every same-origin htmx request (from <meta name="csrf-token">);
 *  - confirmation dialogs for elements and forms carrying data-confirm="Question?";
 *  - date inputs: a format hint and the weekday of the chosen date;
 *  - a page-wide loading bar and aria-busy while htmx requests run;
 *  - a visible message when an htmx request fails (server error, network down);
 *  - ECharts charts declared in markup, option passed as JSON:
 *      {{ option|json_script:"tasks-chart" }}
 *      <div class="chart" data-chart="tasks-chart" role="img" aria-label="..."></div>
 *    (the page adds vendor/echarts/echarts.min.js and langVI.js in {% block extra_js %}).
 */
(function () {
  "use strict";

  var STRINGS = {
    vi: {
      confirm: "Bạn có chắc chắn muốn thực hiện thao tác này?",
      dateFormat: "Định dạng: ngày/tháng/năm, ví dụ 31/12/2025.",
      dateInvalid: "Chưa đúng định dạng ngày/tháng/năm.",
      serverError: "Máy chủ gặp lỗi khi xử lý yêu cầu. Vui lòng thử lại sau.",
      forbidden: "Bạn không có quyền thực hiện thao tác này, hoặc phiên làm việc đã hết hạn.",
      notFound: "Không tìm thấy nội dung yêu cầu; có thể nó đã bị xóa hoặc chuyển đi.",
      networkError: "Không kết nối được tới máy chủ. Kiểm tra mạng rồi thử lại.",
    },
    en: {
      confirm: "Are you sure you want to do this?",
      dateFormat: "Format: day/month/year, e.g. 31/12/2025.",
      dateInvalid: "Not a valid day/month/year date.",
      serverError: "The server could not process the request. Please try again later.",
      forbidden: "You are not allowed to do this, or your session has expired.",
      notFound: "The requested content was not found; it may have been deleted or moved.",
      networkError: "Cannot reach the server. Check the network and try again.",
    },
  };

  var lang = (document.documentElement.lang || "vi").slice(0, 2).toLowerCase();
  var text = STRINGS[lang] || STRINGS.vi;

  function csrfToken() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.getAttribute("content") : "";
  }

  function isSameOrigin(url) {
    try {
      return new URL(url, window.location.href).origin === window.location.origin;
    } catch (e) {
      return false;
    }
  }

  /* --- CSRF for htmx --------------------------------------------------------------------- */

  document.body.addEventListener("htmx:configRequest", function (event) {
    // Never hand the token to another origin (htmx may be pointed at one by mistake).
    var token = csrfToken();
    if (token && isSameOrigin(event.detail.path)) {
      event.detail.headers["X-CSRFToken"] = token;
    }
  });

  /* --- Confirmation dialogs -------------------------------------------------------------- */

  // Capture phase, so a refusal stops the click before htmx or a form submit sees it.
  document.addEventListener(
    "click",
    function (event) {
      var target = event.target instanceof Element ? event.target : null;
      var element = target && target.closest("[data-confirm]");
      if (!element || element.tagName === "FORM") {
        return;
      }
      if (!window.confirm(element.getAttribute("data-confirm") || text.confirm)) {
        event.preventDefault();
        event.stopImmediatePropagation();
      }
    },
    true
  );

  document.addEventListener(
    "submit",
    function (event) {
      var form = event.target;
      if (!(form instanceof HTMLFormElement) || !form.hasAttribute("data-confirm")) {
        return;
      }
      // A submit button with its own data-confirm has already asked.
      var submitter = event.submitter;
      if (submitter && submitter.hasAttribute("data-confirm")) {
        return;
      }
      if (!window.confirm(form.getAttribute("data-confirm") || text.confirm)) {
        event.preventDefault();
        event.stopImmediatePropagation();
      }
    },
    true
  );

  /* --- Date inputs ----------------------------------------------------------------------- */

  var weekdayFormat = new Intl.DateTimeFormat(lang === "en" ? "en-GB" : "vi-VN", {
    weekday: "long",
    day: "2-digit",
    month: "2-digit",
    year: "numeric",
    timeZone: "UTC",
  });

  // Returns a UTC Date for "YYYY-MM-DD" (native date input) or "D/M/YYYY" (text input), or null.
  function parseDate(value) {
    var match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
    var year, month, day;
    if (match) {
      year = +match[1];
      month = +match[2];
      day = +match[3];
    } else {
      match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(value);
      if (!match) {
        return null;
      }
      day = +match[1];
      month = +match[2];
      year = +match[3];
    }
    var date = new Date(Date.UTC(year, month - 1, day));
    // Reject 31/02 and the like, which Date would silently roll over.
    var sameDay =
      date.getUTCFullYear() === year &&
      date.getUTCMonth() === month - 1 &&
      date.getUTCDate() === day;
    return sameDay ? date : null;
  }

  function enhanceDateInput(input) {
    if (input.dataset.ttcsDate || !input.id) {
      return;
    }
    input.dataset.ttcsDate = "1";
    var isText = input.type !== "date";
    var hint = document.createElement("span");
    hint.className = "field-hint";
    hint.id = input.id + "_datehint";
    hint.setAttribute("aria-live", "polite");
    input.insertAdjacentElement("afterend", hint);
    var describedBy = (input.getAttribute("aria-describedby") || "").split(/\s+/).filter(Boolean);
    describedBy.push(hint.id);
    input.setAttribute("aria-describedby", describedBy.join(" "));

    function update() {
      var value = input.value.trim();
      if (!value) {
        hint.textContent = isText ? text.dateFormat : "";
        return;
      }
      var date = parseDate(value);
      if (date) {
        var words = weekdayFormat.format(date);
        hint.textContent = words.charAt(0).toUpperCase() + words.slice(1);
      } else {
        hint.textContent = isText ? text.dateInvalid : "";
      }
    }

    input.addEventListener("change", update);
    if (!isText) {
      input.addEventListener("input", update); // the native picker fires input, not keystrokes
    }
    update();
  }

  /* --- Charts (ECharts, loaded only on pages that include it) ------------------------------ */

  var PALETTE = ["#16325c", "#b91c1c", "#2f7d4a", "#c77700", "#5b4b8a", "#0e7490", "#6b7280"];
  var resizeObservers = new WeakMap();

  function initChart(element) {
    if (element.dataset.ttcsChart || typeof window.echarts === "undefined") {
      return;
    }
    var source = document.getElementById(element.getAttribute("data-chart"));
    if (!source) {
      return;
    }
    element.dataset.ttcsChart = "1";
    var option = JSON.parse(source.textContent);
    if (!option.color) {
      option.color = PALETTE;
    }
    if (!option.aria) {
      option.aria = { enabled: true };
    }
    if (!option.textStyle) {
      option.textStyle = { fontFamily: getComputedStyle(document.body).fontFamily };
    }
    // SVG prints sharply in reports; the locale gives Vietnamese tooltips and toolbox labels.
    var chart = window.echarts.init(element, null, {
      renderer: "svg",
      locale: lang === "en" ? "EN" : "VI",
    });
    chart.setOption(option);
    if (typeof ResizeObserver !== "undefined") {
      var observer = new ResizeObserver(function () {
        chart.resize();
      });
      observer.observe(element);
      resizeObservers.set(element, observer);
    }
  }

  // htmx fires beforeCleanupElement for every element it removes, so one element at a time.
  function disposeChart(element) {
    if (!element.dataset || !element.dataset.ttcsChart || typeof window.echarts === "undefined") {
      return;
    }
    var observer = resizeObservers.get(element);
    if (observer) {
      observer.disconnect();
      resizeObservers.delete(element);
    }
    var chart = window.echarts.getInstanceByDom(element);
    if (chart) {
      chart.dispose();
    }
    delete element.dataset.ttcsChart;
  }

  /* --- Loading state and request errors ----------------------------------------------------- */

  var pending = 0;

  document.body.addEventListener("htmx:beforeRequest", function (event) {
    pending += 1;
    document.documentElement.classList.add("is-loading");
    var target = event.detail.target;
    if (target) {
      target.setAttribute("aria-busy", "true");
    }
  });

  document.body.addEventListener("htmx:afterRequest", function (event) {
    pending = Math.max(0, pending - 1);
    if (pending === 0) {
      document.documentElement.classList.remove("is-loading");
    }
    var target = event.detail.target;
    if (target) {
      target.removeAttribute("aria-busy");
    }
  });

  function showError(message) {
    var container = document.getElementById("messages");
    if (!container) {
      window.alert(message);
      return;
    }
    var alert = document.createElement("div");
    alert.className = "alert alert-error";
    alert.setAttribute("role", "alert");
    var body = document.createElement("div");
    body.className = "alert-body";
    body.textContent = message;
    alert.appendChild(body);
    container.replaceChildren(alert);
    container.scrollIntoView({ block: "nearest" });
  }

  document.body.addEventListener("htmx:responseError", function (event) {
    var status = event.detail.xhr ? event.detail.xhr.status : 0;
    if (status === 401 || status === 403) {
      showError(text.forbidden);
    } else if (status === 404) {
      showError(text.notFound);
    } else {
      showError(text.serverError);
    }
  });

  document.body.addEventListener("htmx:sendError", function () {
    showError(text.networkError);
  });

  document.body.addEventListener("htmx:beforeCleanupElement", function (event) {
    disposeChart(event.detail.elt);
  });

  /* --- Wiring -------------------------------------------------------------------------------- */

  function enhance(root) {
    if (!root || !root.querySelectorAll) {
      return;
    }
    root
      .querySelectorAll('input[type="date"], input[data-date-input]')
      .forEach(enhanceDateInput);
    root.querySelectorAll("[data-chart]").forEach(initChart);
  }

  // DOMContentLoaded fires after every deferred script ran, so page scripts such as ECharts
  // (included after this file) are present by then.
  document.addEventListener("DOMContentLoaded", function () {
    enhance(document);
    // Content swapped in by htmx later.
    document.body.addEventListener("htmx:load", function (event) {
      enhance(event.detail.elt);
    });
  });
})();
