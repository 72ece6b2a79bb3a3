// The network map: sigma.js (WebGL) over a graphology graph whose positions come from the server.
// The whole network arrives once, as arrays; the map draws all of it up to an overview limit, beyond that the most
// linked actors and the relations between them (a software-rendered WebGL canvas cannot stay responsive with
// 100,000 points and 300,000 lines). Search runs over every actor, and a searched or clicked actor is drawn with its
// whole neighbourhood. Filters (family, relation type) and the focus are applied by reducers: nothing is rebuilt.
// When the first picture is on screen the map says so: data-ready="true" and performance.mark("network-map-ready");
// the page then asks for its reading in sentences (event "network-drawn").
(function () {
    "use strict";

    function announceDrawn() {
        var send = function () { document.body.dispatchEvent(new CustomEvent("network-drawn")); };
        if (document.readyState === "loading") {
            document.addEventListener("DOMContentLoaded", function () { setTimeout(send, 0); });
        } else {
            setTimeout(send, 0);
        }
    }

    var container = document.getElementById("network-map");
    if (!container) {
        return;
    }

    var status = document.getElementById("network-status");
    if (typeof Sigma === "undefined" || typeof graphology === "undefined") {
        status.textContent = container.dataset.textError || "";
        announceDrawn();
        return;
    }

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

    function number(value) {
        return value.toLocaleString(document.documentElement.lang || "fr-FR");
    }

    var graph = new graphology.MultiGraph();
    var renderer = null;
    var state = { families: null, type: "", focus: null, neighbours: null };

    // The whole network, as the server sent it, and each actor's relations (edge indexes) side by side.
    var data = null;
    var index = new Map();
    var relationStart = null;
    var relationList = null;
    var folded = null;
    var extras = [];

    function readFilters() {
        var families = {};
        controls.querySelectorAll("input[name=family]").forEach(function (box) {
            if (box.checked) { families[box.value] = true; }
        });
        state.families = families;
        state.type = controls.querySelector("select[name=type]").value;
    }

    function addNode(i) {
        var key = String(i);
        if (graph.hasNode(key)) { return false; }
        var nodes = data.nodes;
        var family = data.families[nodes.families[i]];
        graph.addNode(key, {
            label: nodes.labels[i],
            family: family,
            actor: nodes.ids[i],
            x: nodes.x[i],
            y: nodes.y[i],
            size: nodes.sizes[i],
            color: colours[family] || "#666"
        });
        return true;
    }

    function addEdge(j) {
        var key = "e" + j;
        if (graph.hasEdge(key)) { return; }
        var edges = data.edges;
        graph.addEdgeWithKey(key, String(edges.sources[j]), String(edges.targets[j]), {
            type: "line",
            relation: data.types[edges.types[j]],
            color: "#c9ced6",
            size: 0.6
        });
    }

    function buildRelations(n) {
        var edges = data.edges;
        var m = edges.sources.length;
        relationStart = new Int32Array(n + 1);
        for (var j = 0; j < m; j++) {
            relationStart[edges.sources[j] + 1]++;
            relationStart[edges.targets[j] + 1]++;
        }
        for (var v = 0; v < n; v++) { relationStart[v + 1] += relationStart[v]; }
        var fill = relationStart.slice(0, n);
        relationList = new Int32Array(2 * m);
        for (var k = 0; k < m; k++) {
            relationList[fill[edges.sources[k]]++] = k;
            relationList[fill[edges.targets[k]]++] = k;
        }
    }

    // Draws an actor that the overview left out, with all its neighbours and relations; they go when the focus does.
    function expand(i) {
        if (addNode(i)) { extras.push(String(i)); }
        var edges = data.edges;
        for (var k = relationStart[i]; k < relationStart[i + 1]; k++) {
            var j = relationList[k];
            var other = edges.sources[j] === i ? edges.targets[j] : edges.sources[j];
            if (addNode(other)) { extras.push(String(other)); }
            addEdge(j);
        }
    }

    function dropExtras() {
        extras.forEach(function (key) {
            if (graph.hasNode(key)) { graph.dropNode(key); }
        });
        extras = [];
    }

    function focusOn(i) {
        if (i === undefined || i === null || i < 0) {
            status.textContent = text("textNotfound");
            return;
        }
        dropExtras();
        expand(i);
        var node = String(i);
        state.focus = node;
        state.neighbours = new Set(graph.neighbors(node));
        reset.hidden = false;
        renderer.refresh();
        status.textContent = text("textFocus", graph.getNodeAttribute(node, "label"), state.neighbours.size);
        var position = renderer.getNodeDisplayData(node);
        if (position) {
            // Zoom so that the neighbourhood's share of the drawn network fills the view, within sensible bounds.
            var ratio = Math.min(1, Math.max(0.04, 1.6 * Math.sqrt((state.neighbours.size + 1) / graph.order)));
            renderer.getCamera().animate({ x: position.x, y: position.y, ratio: ratio }, { duration: 400 });
        }
        container.dataset.focus = data.nodes.ids[i];
    }

    function clearFocus() {
        state.focus = null;
        state.neighbours = null;
        dropExtras();
        reset.hidden = true;
        delete container.dataset.focus;
        renderer.getCamera().animate({ x: 0.5, y: 0.5, ratio: 1 }, { duration: 300 });
        renderer.refresh();
    }

    // Names folded for the search ahead of time, by slices between frames, so that the first search does not wait.
    function foldAhead() {
        var labels = data.nodes.labels;
        if (folded === null) { folded = new Array(labels.length); }
        var done = 0;
        (function slice() {
            var end = Math.min(labels.length, done + 5000);
            for (; done < end; done++) {
                if (folded[done] === undefined) { folded[done] = fold(labels[done]); }
            }
            if (done < labels.length) { setTimeout(slice, 0); }
        })();
    }

    // The actor whose name matches best: the same name, else the first (in alphabetical order) that contains it.
    function find(wanted) {
        var labels = data.nodes.labels;
        if (folded === null) { folded = new Array(labels.length); }
        for (var f = 0; f < labels.length; f++) {
            if (folded[f] === undefined) { folded[f] = fold(labels[f]); }
        }
        var first = -1;
        for (var i = 0; i < folded.length; i++) {
            if (folded[i] === wanted) { return i; }
            if (first < 0 && folded[i].indexOf(wanted) >= 0) { first = i; }
        }
        return first;
    }

    function draw() {
        var nodes = data.nodes;
        var n = nodes.ids.length;
        for (var i = 0; i < n; i++) { index.set(nodes.ids[i], i); }
        buildRelations(n);

        // Overview: the most linked actors (the server's sizes follow the degree), then every relation between them.
        var limit = data.overviewLimit;
        var overview = n > limit;
        var shown = new Uint8Array(n);
        if (overview) {
            var order = Array.from({ length: n }, function (_, v) { return v; });
            order.sort(function (a, b) { return nodes.sizes[b] - nodes.sizes[a] || a - b; });
            for (var k = 0; k < limit; k++) { shown[order[k]] = 1; }
        } else {
            shown.fill(1);
        }
        for (var v = 0; v < n; v++) {
            if (shown[v]) { addNode(v); }
        }
        var edges = data.edges;
        for (var j = 0; j < edges.sources.length; j++) {
            if (shown[edges.sources[j]] && shown[edges.targets[j]]) { addEdge(j); }
        }

        readFilters();
        renderer = new Sigma(graph, container, {
            labelRenderedSizeThreshold: 7,
            hideEdgesOnMove: graph.size > 20000,
            hideLabelsOnMove: graph.order > 2000,
            defaultEdgeType: "line",
            nodeReducer: function (node, attributes) {
                var shownNow = state.families[attributes.family];
                if (!shownNow) { return Object.assign({}, attributes, { hidden: true }); }
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
        renderer.on("clickNode", function (event) { focusOn(Number(event.node)); });
        renderer.on("clickStage", function () { if (state.focus) { clearFocus(); } });
        status.textContent = overview
            ? text("textOverview", number(limit), number(n))
            : text("textLoaded", number(graph.order), number(graph.size));

        // Ready once a frame with the picture has been painted.
        requestAnimationFrame(function () {
            requestAnimationFrame(function () {
                container.dataset.ready = "true";
                foldAhead();
                if (window.performance && performance.mark) { performance.mark("network-map-ready"); }
                announceDrawn();
            });
        });
    }

    fetch(container.dataset.graphUrl, { credentials: "same-origin", headers: { "Accept": "application/json" } })
        .then(function (response) {
            if (!response.ok) { throw new Error(String(response.status)); }
            return response.json();
        })
        .then(function (json) {
            data = json;
            draw();
        })
        .catch(function () {
            status.textContent = text("textError");
            announceDrawn();
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
        var started = performance.now();
        focusOn(find(wanted));
        // How long the page took to answer a search, for the bench (apart from the time to type it).
        performance.measure("network-search", { start: started, end: performance.now() });
    });

    reset.addEventListener("click", function () { if (renderer) { clearFocus(); } });

    // The lists arrive after the map (htmx): one listener for all their « voir sur la carte » buttons.
    document.addEventListener("click", function (event) {
        var button = event.target.closest(".network-focus");
        if (!button || !renderer) { return; }
        container.scrollIntoView({ behavior: "smooth", block: "center" });
        focusOn(index.has(button.dataset.actor) ? index.get(button.dataset.actor) : -1);
    });
})();
