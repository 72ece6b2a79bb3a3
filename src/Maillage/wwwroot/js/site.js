// Sends the antiforgery token with every htmx request (forms already carry it as a hidden field).
document.body.addEventListener("htmx:configRequest", (event) => {
    const token = document.querySelector('meta[name="csrf-token"]')?.content;
    if (token) {
        event.detail.headers["X-CSRF-TOKEN"] = token;
    }
});

// Buttons that ask for confirmation: <button data-confirm="Message">. No inline script is allowed by the CSP.
document.addEventListener("submit", (event) => {
    const submitter = event.submitter;
    const message = submitter?.dataset.confirm ?? event.target.dataset.confirm;
    if (message && !window.confirm(message)) {
        event.preventDefault();
    }
});

// Copy buttons: <button type="button" data-copy="#field" data-copied="Copié">. Selecting the field is the fallback.
document.addEventListener("click", async (event) => {
    const button = event.target.closest("[data-copy]");
    const field = button && document.querySelector(button.dataset.copy);
    if (!field) {
        return;
    }
    field.select();
    try {
        await navigator.clipboard.writeText(field.value);
        if (button.dataset.copied) {
            button.textContent = button.dataset.copied;
        }
    } catch {
        // No clipboard access (insecure context or refused): the text stays selected for Ctrl+C.
    }
});

// Print buttons: <button type="button" data-print>.
document.addEventListener("click", (event) => {
    if (event.target.closest("[data-print]")) {
        window.print();
    }
});
