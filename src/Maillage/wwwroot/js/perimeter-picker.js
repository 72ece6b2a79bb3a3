// The perimeter picker (Territories/_PerimeterPicker.cshtml): adds the areas found by the htmx search as chips,
// each carrying a hidden "Input.Perimeter" input, and removes them. Texts come from data-* attributes of the
// fieldset so that they follow the page's language.
(() => {
    const format = (template, value) => (template ?? "{0}").replace("{0}", value);

    const codesOf = (picker) =>
        new Set([...picker.querySelectorAll(".perimeter-chips input[name='Input.Perimeter']")].map((input) => input.value));

    const announce = (picker, message) => {
        const announcer = picker.querySelector(".perimeter-announcer");
        if (!announcer) {
            return;
        }
        // Emptied first so that the same message twice in a row is read again.
        announcer.textContent = "";
        window.setTimeout(() => { announcer.textContent = message; }, 50);
    };

    // Shows which results are already chosen, so that the list and the chips agree.
    const markResults = (picker) => {
        const codes = codesOf(picker);
        picker.querySelectorAll(".perimeter-result").forEach((button) => {
            const selected = codes.has(button.dataset.code);
            button.classList.toggle("is-selected", selected);
            const action = button.querySelector(".result-action");
            if (action) {
                action.textContent = selected ? picker.dataset.selectedLabel : picker.dataset.addLabel;
            }
        });
    };

    const changed = (picker) => {
        const empty = picker.querySelector(".perimeter-empty");
        if (empty) {
            empty.hidden = codesOf(picker).size > 0;
        }
        markResults(picker);
        const summary = picker.querySelector(".perimeter-summary");
        if (summary && window.htmx) {
            window.htmx.trigger(summary, "perimeter-changed");
        }
    };

    const add = (picker, button) => {
        const { code, name } = button.dataset;
        const feminine = button.dataset.feminine === "true";
        if (codesOf(picker).has(code)) {
            announce(picker, format(picker.dataset.already, name));
            return;
        }

        const template = picker.querySelector(".perimeter-chip-template");
        const chip = template.content.firstElementChild.cloneNode(true);
        chip.dataset.code = code;
        chip.dataset.name = name;
        chip.dataset.feminine = feminine ? "true" : "false";
        chip.querySelector(".kind").textContent = button.dataset.kindLabel;
        chip.querySelector(".name").textContent = name;
        chip.querySelector(".detail").textContent = button.dataset.detail;
        chip.querySelector("input").value = code;
        const remove = chip.querySelector(".chip-remove");
        remove.title = format(picker.dataset.removeLabel, name);
        remove.querySelector(".visually-hidden").textContent = format(picker.dataset.removeLabel, name);
        picker.querySelector(".perimeter-chips").append(chip);

        announce(picker, format(feminine ? picker.dataset.addedFeminine : picker.dataset.added, name));
        changed(picker);
    };

    const remove = (picker, chip) => {
        const { name } = chip.dataset;
        const feminine = chip.dataset.feminine === "true";
        // Focus goes to the next chip, else the previous one, else the search field: never lost on the page.
        const neighbour = chip.nextElementSibling ?? chip.previousElementSibling;
        chip.remove();
        (neighbour?.querySelector(".chip-remove") ?? picker.querySelector(".perimeter-search"))?.focus();
        announce(picker, format(feminine ? picker.dataset.removedFeminine : picker.dataset.removed, name));
        changed(picker);
    };

    document.addEventListener("click", (event) => {
        const picker = event.target.closest(".perimeter-picker");
        if (!picker) {
            return;
        }
        const result = event.target.closest(".perimeter-result");
        if (result) {
            add(picker, result);
            return;
        }
        const removeButton = event.target.closest(".chip-remove");
        if (removeButton) {
            remove(picker, removeButton.closest(".area-chip"));
        }
    });

    document.addEventListener("keydown", (event) => {
        const picker = event.target.closest?.(".perimeter-picker");
        if (!picker) {
            return;
        }
        const results = [...picker.querySelectorAll(".perimeter-result")];
        if (event.target.matches(".perimeter-search")) {
            // Enter in the search field searches at once instead of submitting the territory form.
            if (event.key === "Enter") {
                event.preventDefault();
                window.htmx?.trigger(event.target, "search");
            } else if (event.key === "ArrowDown" && results.length > 0) {
                event.preventDefault();
                results[0].focus();
            }
            return;
        }
        const index = results.indexOf(event.target);
        if (index < 0) {
            return;
        }
        if (event.key === "ArrowDown" && index < results.length - 1) {
            event.preventDefault();
            results[index + 1].focus();
        } else if (event.key === "ArrowUp") {
            event.preventDefault();
            (index > 0 ? results[index - 1] : picker.querySelector(".perimeter-search")).focus();
        } else if (event.key === "Escape") {
            picker.querySelector(".perimeter-search").focus();
        }
    });

    document.body.addEventListener("htmx:afterSwap", (event) => {
        const target = event.detail.target;
        if (!target?.matches?.(".perimeter-results")) {
            return;
        }
        const picker = target.closest(".perimeter-picker");
        markResults(picker);
        const count = target.querySelector(".results-count");
        if (count) {
            announce(picker, count.textContent.trim());
        }
    });
})();
