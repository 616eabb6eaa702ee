// htmx requests carry the CSRF token of the page's session; confirmations come from hx-confirm.
document.addEventListener("htmx:configRequest", function (event) {
    var header = document.querySelector('meta[name="csrf-header"]');
    var token = document.querySelector('meta[name="csrf-token"]');
    if (header && token) {
        event.detail.headers[header.content] = token.content;
    }
});
// Forms that need a confirmation name what will happen in data-confirm.
document.addEventListener("submit", function (event) {
    var message = event.target.getAttribute && event.target.getAttribute("data-confirm");
    if (message && !window.confirm(message)) {
        event.preventDefault();
    }
});
// A print button for the erasure certificate (no inline script: the CSP forbids it).
document.addEventListener("click", function (event) {
    if (event.target.matches && event.target.matches("[data-print]")) {
        window.print();
    }
});
