/*
 * The live dashboard: reads the fleet (/api/fleet), then follows the event stream (/api/events):
 * "batch" events carry the cameras that changed (see BatchEncoder for the format), "counters" the
 * fleet's figures. In a replay, the bar at the bottom steers the time (/api/replay).
 */
(function () {
  'use strict';

  var api = {
    ready: false,
    errors: [],
    batches: 0,
    fullFrames: 0
  };
  window.bodycamLive = api;
  window.addEventListener('error', function (e) { api.errors.push(String(e.message)); });

  function request(method, path, body) {
    var init = { method: method, headers: {} };
    if (body !== undefined) {
      init.headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    return fetch(path, init).then(function (r) {
      return r.text().then(function (text) {
        var parsed = {};
        try { parsed = text ? JSON.parse(text) : {}; } catch (e) { parsed = { error: text }; }
        return { ok: r.ok, status: r.status, body: parsed };
      });
    }, function (e) {
      return { ok: false, status: 0, body: { error: 'no answer from the dashboard: ' + e.message } };
    });
  }

  function Model(fleet) {
    var n = fleet.cameras.length;
    this.n = n;
    this.ids = fleet.cameras.map(function (c) { return c[0]; });
    this.index = new Map(this.ids.map(function (id, i) { return [id, i]; }));
    this.status = new Int32Array(n);
    this.lat = new Int32Array(n);
    this.lon = new Int32Array(n);
    this.located = new Uint8Array(n);
    this.colours = fleet.colours;
    this.degreesPerUnit = fleet.degreesPerUnit;
  }

  /** Applies one batch; positions that moved are handed to {@code moved(latA, lonA, latB, lonB)}. */
  Model.prototype.apply = function (b, moved) {
    var s = b.s, a = b.a, p = b.p || [], k, idx;
    if (b.full) {
      this.status.set(s);
      this.located.fill(0);
    } else {
      for (k = 0, idx = -1; k < s.length; k += 2) {
        idx += s[k];
        this.status[idx] = s[k + 1];
      }
    }
    for (k = 0, idx = -1; k < p.length; k += 3) {
      idx += p[k];
      var la = this.lat[idx], lo = this.lon[idx];
      this.lat[idx] = la + p[k + 1];
      this.lon[idx] = lo + p[k + 2];
      moved(la, lo, this.lat[idx], this.lon[idx]);
    }
    for (k = 0, idx = -1; k < a.length; k += 3) {
      idx += a[k];
      this.lat[idx] = a[k + 1];
      this.lon[idx] = a[k + 2];
      this.located[idx] = 1;
    }
  };

  /** Cameras per colour, over the whole fleet. */
  Model.prototype.colourCounts = function () {
    var counts = {};
    this.colours.forEach(function (c) { counts[c.name] = 0; });
    for (var i = 0; i < this.n; i++) {
      counts[this.colours[(this.status[i] >> 10) & 7].name]++;
    }
    return counts;
  };

  function legend(model) {
    var ul = document.getElementById('legend');
    var counts = model.colourCounts();
    ul.textContent = '';
    model.colours.forEach(function (c) {
      var li = window.LivePanels.el('li', { 'data-colour': c.name });
      var dot = window.LivePanels.el('span', { 'class': 'dot' });
      dot.style.background = c.css;
      li.appendChild(dot);
      li.appendChild(document.createTextNode(c.label));
      li.appendChild(window.LivePanels.el('span', { 'class': 'count' }, String(counts[c.name])));
      ul.appendChild(li);
    });
  }

  function replayBar() {
    var bar = document.getElementById('replay-bar');
    var scrub = document.getElementById('scrubber');
    var play = document.getElementById('play');
    var speed = document.getElementById('speed');
    var label = document.getElementById('replay-time');
    var state = { playing: false, dragging: false, start: 0, end: 0 };
    bar.hidden = false;
    function show(p) {
      state.playing = p.playing;
      state.start = p.start;
      state.end = p.end;
      scrub.min = p.start;
      scrub.max = p.end;
      play.textContent = p.playing ? 'pause' : 'play';
      position(p.at);
    }
    function position(at) {
      if (!state.dragging) { scrub.value = at; }
      label.textContent = window.LivePanels.time(at) + '  (' + Math.round((at - state.start) / 60000) + ' / '
        + Math.round((state.end - state.start) / 60000) + ' min)';
    }
    function send(body) {
      return request('POST', 'api/replay', body).then(function (r) { if (r.ok) { show(r.body); } });
    }
    var pending = 0;
    scrub.addEventListener('input', function () {
      state.dragging = true;
      position(Number(scrub.value));
      clearTimeout(pending);
      pending = setTimeout(function () { send({ seek: Number(scrub.value) }); }, 120);
    });
    scrub.addEventListener('change', function () {
      state.dragging = false;
      send({ seek: Number(scrub.value) });
    });
    play.addEventListener('click', function () {
      send(state.playing ? { pause: true } : { play: Number(speed.value) });
    });
    speed.addEventListener('change', function () {
      if (state.playing) { send({ play: Number(speed.value) }); }
    });
    request('GET', 'api/replay').then(function (r) { if (r.ok) { show(r.body); } });
    setInterval(function () {
      if (state.playing) { request('GET', 'api/replay').then(function (r) { if (r.ok) { show(r.body); } }); }
    }, 2000);
    return position;
  }

  function boot(fleet) {
    document.getElementById('title').textContent = fleet.title;
    document.title = fleet.title + ' \u2013 bodycam';
    var badge = document.getElementById('badge');
    badge.textContent = fleet.replay ? 'replay' : 'live';
    badge.className = 'badge' + (fleet.replay ? ' replay' : '');
    var model = new Model(fleet);
    var panels = new window.LivePanels(fleet);
    var camera = new window.CameraPanel(fleet, { request: request });
    var map = new window.FleetMap(document.getElementById('map'), model, function (idx) { camera.open(model.ids[idx]); });
    document.getElementById('zoom-in').addEventListener('click', function () { map.zoom(1.6); });
    document.getElementById('zoom-out').addEventListener('click', function () { map.zoom(1 / 1.6); });
    document.getElementById('fit').addEventListener('click', function () { map.fit(); });
    var replayPosition = fleet.replay ? replayBar() : null;
    var clock = document.getElementById('clock');
    var link = document.getElementById('link');
    var moved = function (la, lo, lb, lob) { map.moved(la, lo, lb, lob); };

    request('GET', 'api/counters/history').then(function (r) { if (r.ok) { panels.history(r.body); } });
    var source = new EventSource('api/events');
    source.addEventListener('open', function () { link.textContent = 'connected'; link.className = 'link'; });
    source.addEventListener('error', function () { link.textContent = 'reconnecting'; link.className = 'link down'; });
    source.addEventListener('batch', function (e) {
      var b = JSON.parse(e.data);
      model.apply(b, moved);
      api.batches++;
      if (b.full) { api.fullFrames++; }
      legend(model);
      map.invalidate();
      api.ready = true;
    });
    source.addEventListener('counters', function (e) {
      var c = JSON.parse(e.data);
      clock.textContent = window.LivePanels.time(c.t);
      panels.counters(c);
      if (replayPosition) { replayPosition(c.t); }
    });

    api.fleet = fleet;
    api.legendCounts = function () { return model.colourCounts(); };
    api.mapStats = function () { map.render(); return map.stats; };
    api.focus = function (deviceId) { return map.focus(model.index.get(deviceId)); };
    api.fit = function () { return map.fit(); };
    api.screenPosition = function (deviceId) { map.render(); return map.screenPosition(model.index.get(deviceId)); };
    api.trailSegments = function () { return map.trailCount; };
  }

  request('GET', 'api/fleet').then(function (r) {
    if (!r.ok) {
      document.getElementById('link').textContent = r.body.error || ('HTTP ' + r.status);
      api.errors.push('GET api/fleet: ' + (r.body.error || r.status));
      return;
    }
    boot(r.body);
  });
})();
