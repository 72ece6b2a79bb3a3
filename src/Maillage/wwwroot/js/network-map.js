// The network map: sigma.js (WebGL) over a graphology graph whose positions come from the server.
// Filters (family, relation type) and the focus on one actor's neighbourhood are applied by reducers, so the
// graph is built once, even at 100,000 actors.
(function () {
    "use strict";

    var container = document.getElementById("network-map");
    if (!container || typeof Sigma === "undefined" || typeof graphology === "undefined") {
        return;
    }

    var status = document.getElementById("network-status");
    var controls = document.getElementById("network-controls");
    var search = document.getElementById("network-search");
    var reset = document.getElementById("network-reset");

    // The families' colours are the stylesheet's, read from the legend: one palette for the whole app.
    var colours = {};
    document.querySelectorAll(".network-legend [data-family]").forEach(function (marker) {
        colours[marker.dataset.family] = getComputedStyle(marker).backgroundColor;
    });

    function text(name, a, b) {
        return (container.dataset[name] || "").replace("{0}", a).replace("{1}", b);
    }

    function fold(value) {
        return value.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().trim();
    }

    var graph = new graphology.MultiGraph();
    var renderer = null;
    var state = { families: null, type: "", focus: null, neighbours: null };

    function readFilters() {
        var families = {};
        controls.querySelectorAll("input[name=family]").forEach(function (box) {
            if (box.checked) { families[box.value] = true; }
        });
        state.families = families;
        state.type = controls.querySelector("select[name=type]").value;
    }

    function focusOn(node) {
        if (!graph.hasNode(node)) {
            status.textContent = text("textNotfound");
            return;
        }
        state.focus = node;
        state.neighbours = new Set(graph.neighbors(node));
        reset.hidden = false;
        status.textContent = text("textFocus", graph.getNodeAttribute(node, "label"), state.neighbours.size);
        var position = renderer.getNodeDisplayData(node);
        if (position) {
            // Zoom so that the neighbourhood's share of the network fills the view, within sensible bounds.
            var ratio = Math.min(1, Math.max(0.04, 1.6 * Math.sqrt((state.neighbours.size + 1) / graph.order)));
            renderer.getCamera().animate({ x: position.x, y: position.y, ratio: ratio }, { duration: 400 });
        }
        renderer.refresh();
        container.dataset.focus = node;
    }

    function clearFocus() {
        state.focus = null;
        state.neighbours = null;
        reset.hidden = true;
        delete container.dataset.focus;
        renderer.getCamera().animate({ x: 0.5, y: 0.5, ratio: 1 }, { duration: 300 });
        renderer.refresh();
    }

    fetch(container.dataset.graphUrl, { credentials: "same-origin", headers: { "Accept": "application/json" } })
        .then(function (response) {
            if (!response.ok) { throw new Error(String(response.status)); }
            return response.json();
        })
        .then(function (data) {
            var nodes = data.nodes;
            for (var i = 0; i < nodes.ids.length; i++) {
                graph.addNode(nodes.ids[i], {
                    label: nodes.labels[i],
                    family: nodes.families[i],
                    x: nodes.x[i],
                    y: nodes.y[i],
                    size: nodes.sizes[i],
                    color: colours[nodes.families[i]] || "#666"
                });
            }
            var edges = data.edges;
            for (var j = 0; j < edges.sources.length; j++) {
                graph.addEdge(nodes.ids[edges.sources[j]], nodes.ids[edges.targets[j]], {
                    type: "line",
                    relation: data.types[edges.types[j]],
                    color: "#c9ced6",
                    size: 0.6
                });
            }

            readFilters();
            renderer = new Sigma(graph, container, {
                labelRenderedSizeThreshold: 7,
                hideEdgesOnMove: graph.size > 20000,
                defaultEdgeType: "line",
                nodeReducer: function (node, attributes) {
                    var shown = state.families[attributes.family];
                    if (!shown) { return Object.assign({}, attributes, { hidden: true }); }
                    if (state.focus && node !== state.focus && !state.neighbours.has(node)) {
                        return Object.assign({}, attributes, { color: "#e4e7eb", label: "", zIndex: 0 });
                    }
                    if (state.focus) {
                        return Object.assign({}, attributes, { forceLabel: true, zIndex: 1, highlighted: node === state.focus });
                    }
                    return attributes;
                },
                edgeReducer: function (edge, attributes) {
                    var ends = graph.extremities(edge);
                    var hidden = (state.type && attributes.relation !== state.type)
                        || !state.families[graph.getNodeAttribute(ends[0], "family")]
                        || !state.families[graph.getNodeAttribute(ends[1], "family")]
                        || (state.focus && ends[0] !== state.focus && ends[1] !== state.focus);
                    if (hidden) { return Object.assign({}, attributes, { hidden: true }); }
                    return state.focus ? Object.assign({}, attributes, { color: "#59606b", size: 1.2 }) : attributes;
                }
            });
            renderer.on("clickNode", function (event) { focusOn(event.node); });
            renderer.on("clickStage", function () { if (state.focus) { clearFocus(); } });
            container.dataset.ready = "true";
            status.textContent = text("textLoaded", graph.order.toLocaleString("fr-FR"), graph.size.toLocaleString("fr-FR"));
        })
        .catch(function () {
            status.textContent = text("textError");
        });

    controls.addEventListener("change", function () {
        if (!renderer) { return; }
        readFilters();
        renderer.refresh();
    });

    controls.addEventListener("submit", function (event) {
        event.preventDefault();
        if (!renderer) { return; }
        var wanted = fold(search.value);
        if (!wanted) { return; }
        var found = null;
        graph.forEachNode(function (node, attributes) {
            if (found === null && fold(attributes.label).indexOf(wanted) >= 0) { found = node; }
        });
        if (found === null) {
            status.textContent = text("textNotfound");
        } else {
            focusOn(found);
        }
    });

    reset.addEventListener("click", clearFocus);

    document.querySelectorAll(".network-focus").forEach(function (button) {
        button.addEventListener("click", function () {
            if (!renderer) { return; }
            container.scrollIntoView({ behavior: "smooth", block: "center" });
            focusOn(button.dataset.actor);
        });
    });
})();
