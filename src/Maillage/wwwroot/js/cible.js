// La cible: drag a dot to another ring (posts the new ring, then reloads the page drawn by the server),
// download the picture as PNG (drawn from the SVG on a canvas). Print buttons are handled by site.js.
(() => {
    "use strict";

    const figure = document.querySelector('figure[data-draggable="true"]');
    if (figure) {
        const svg = figure.querySelector("svg.cible-svg");
        const form = document.getElementById("cible-move-form");
        const status = document.getElementById("cible-move-status");
        const cx = Number(svg.dataset.cx);
        const cy = Number(svg.dataset.cy);
        const radii = svg.dataset.radii.split(",").map(Number);
        const outside = Number(svg.dataset.outside);
        let drag = null;

        const toSvg = (event) => {
            const point = svg.createSVGPoint();
            point.x = event.clientX;
            point.y = event.clientY;
            return point.matrixTransform(svg.getScreenCTM().inverse());
        };

        // The ring under a point (1 = centre), null in the hors cible band, undefined beyond it: the server's rule.
        const ringAt = (point) => {
            const distance = Math.hypot(point.x - cx, point.y - cy);
            for (let i = 0; i < radii.length; i++) {
                if (distance <= radii[i]) {
                    return i + 1;
                }
            }
            return distance <= outside ? null : undefined;
        };

        svg.classList.add("cible-draggable");
        svg.addEventListener("pointerdown", (event) => {
            const node = event.target.closest("g.cible-node");
            if (!node || drag) {
                return;
            }
            event.preventDefault();
            const circle = node.querySelector("circle");
            drag = { node, circle, x: circle.getAttribute("cx"), y: circle.getAttribute("cy") };
            svg.setPointerCapture(event.pointerId);
            node.classList.add("dragging");
        });

        svg.addEventListener("pointermove", (event) => {
            if (!drag) {
                return;
            }
            const point = toSvg(event);
            drag.circle.setAttribute("cx", point.x.toFixed(1));
            drag.circle.setAttribute("cy", point.y.toFixed(1));
        });

        const drop = async (event) => {
            if (!drag) {
                return;
            }
            const { node, circle, x, y } = drag;
            drag = null;
            node.classList.remove("dragging");
            const reset = () => {
                circle.setAttribute("cx", x);
                circle.setAttribute("cy", y);
            };
            if (event.type === "pointercancel") {
                reset();
                return;
            }
            const ring = ringAt(toSvg(event));
            const before = node.dataset.ring === "" ? null : Number(node.dataset.ring);
            if (ring === undefined) {
                reset();
                status.textContent = figure.dataset.msgOutside;
                return;
            }
            if (ring === before) {
                reset();
                return;
            }
            const actorId = node.dataset.actorId;
            const row = document.querySelector(`#placements tr[data-actor-id="${actorId}"]`);
            const body = new FormData(form);
            body.append("actorId", actorId);
            body.append("which", figure.dataset.which);
            body.append("ring", ring === null ? "" : String(ring));
            if (row) {
                body.append("version", row.dataset.version);
            }
            status.textContent = figure.dataset.msgSaving;
            try {
                const response = await fetch(figure.dataset.moveUrl, { method: "POST", body, headers: { Accept: "application/json" } });
                if (response.ok) {
                    window.location.reload();
                    return;
                }
                reset();
                let message = figure.dataset.msgFailed;
                try {
                    message = (await response.json()).message || message;
                } catch {
                    // Not JSON: keep the generic message.
                }
                status.textContent = message;
            } catch {
                reset();
                status.textContent = figure.dataset.msgFailed;
            }
        };

        svg.addEventListener("pointerup", drop);
        svg.addEventListener("pointercancel", drop);
    }

    for (const button of document.querySelectorAll("[data-cible-png]")) {
        button.addEventListener("click", () => {
            const svg = document.querySelector("#cible-export svg");
            const box = svg.viewBox.baseVal;
            const scale = 2;
            const source = new XMLSerializer().serializeToString(svg);
            const url = URL.createObjectURL(new Blob([source], { type: "image/svg+xml;charset=utf-8" }));
            const image = new Image();
            image.onload = () => {
                const canvas = document.createElement("canvas");
                canvas.width = Math.round(box.width * scale);
                canvas.height = Math.round(box.height * scale);
                const context = canvas.getContext("2d");
                context.fillStyle = "#ffffff";
                context.fillRect(0, 0, canvas.width, canvas.height);
                context.drawImage(image, 0, 0, canvas.width, canvas.height);
                URL.revokeObjectURL(url);
                canvas.toBlob((blob) => {
                    const link = document.createElement("a");
                    link.href = URL.createObjectURL(blob);
                    link.download = button.dataset.ciblePng;
                    document.body.appendChild(link);
                    link.click();
                    link.remove();
                    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
                }, "image/png");
            };
            image.src = url;
        });
    }
})();
