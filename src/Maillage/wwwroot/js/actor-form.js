// The actor form (Actors/_ActorFields.cshtml): the subtype list shows only the subtypes of the chosen family.
// Without script every family's subtypes stay listed under their family's heading, and the server checks the pair.
(() => {
    const filter = (form) => {
        const family = form.querySelector(".actor-family");
        const subtype = form.querySelector(".actor-subtype");
        if (!family || !subtype) {
            return;
        }
        subtype.querySelectorAll("optgroup").forEach((group) => {
            const visible = !family.value || group.dataset.family === family.value;
            group.hidden = !visible;
            group.disabled = !visible;
        });
        const chosen = subtype.selectedOptions[0];
        if (chosen?.parentElement?.disabled) {
            subtype.value = "";
        }
    };

    document.querySelectorAll("form").forEach(filter);
    document.addEventListener("change", (event) => {
        if (event.target.matches(".actor-family")) {
            filter(event.target.form);
        }
    });
})();
