/* Dinamics web UI: live status over server-sent events, a scrolling uPlot chart, and the settings form.
   Ranges, units and reasons come from the server (the core's settings table); this file only words them. */
(function () {
  'use strict';

  var WINDOW_S = 600;
  var STALE_MS = 10000;
  var TIME_INCRS_S = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600];

  var LABELS = {
    breaker: ['Main breaker', 'Rating of the main breaker, per phase. Lowering it cuts the current at once.'],
    c_limit: ['Current limit', 'The most the car may draw.'],
    c_min_limit: ['Minimum current', 'Below this the car pauses instead of charging slowly.'],
    plugandcharge: ['Plug & charge', 'Start charging as soon as a car is plugged in.'],
    dinamics: ['Load management', 'Off: the car always gets the current limit and the breaker is not protected.'],
    nwpc: ['Plug & charge without broker', 'Act as plug & charge while the MQTT broker is unreachable.'],
    priority: ['Priority', 'With several chargers, higher is served first.'],
    delay_timer: ['Charging window', 'Daily window HH:MM-HH:MM, e.g. 22:00-06:00; 0 to charge at any time.'],
    calibration: ['CT calibration', '277 for 50 A/1 V clamps, 544 for 100 A/1 V clamps.'],
    debug: ['Log detail', '1 errors only … 5 everything.'],
    timer: ['Telemetry period', 'How often currents are published.'],
    timer1: ['Stop when the car draws nothing for', 'Without plug & charge.'],
    timer2: ['Stop when no car is connected for', 'Without plug & charge.'],
    timer3: ['Stop on over-current after', 'Car draws more than it was allowed.'],
    timer4: ['Pause without headroom after', 'Allowed current far below the minimum.'],
    timer5: ['Poll charger settings every', ''],
    timer6: ['Poll cable state every', ''],
    timer7: ['Poll car current every', ''],
    timer8: ['Poll charger state every', ''],
    timer9: ['Poll energy every', ''],
    timer10: ['Check the charger link after', 'Silence before a probe.'],
    timer11: ['Longest broker reconnect wait', ''],
    timer12: ['Clock sync period', ''],
    timer13: ['Charger reply timeout', ''],
    timer14: ['Shortest link-error time', '']
  };
  var GROUPS = [
    ['Charging', ['c_limit', 'c_min_limit', 'breaker', 'plugandcharge', 'dinamics', 'priority']],
    ['Schedule and automatic stops', ['delay_timer', 'timer1', 'timer2', 'timer3', 'timer4']],
    ['Installation', ['calibration', 'nwpc', 'debug', 'timer', 'timer5', 'timer6', 'timer7', 'timer8', 'timer9',
      'timer10', 'timer11', 'timer12', 'timer13', 'timer14']]
  ];
  var EVSE_STATES = {
    0: 'Starting up', 1: 'Ready, no car', 2: 'Car connected', 3: 'Charging', 4: 'Error: ventilation required',
    5: 'Error: diode check failed', 6: 'Error: ground fault', 7: 'Error: no ground', 8: 'Error: stuck relay',
    9: 'Error: ground fault self-test', 10: 'Error: over temperature', 11: 'Error: over current',
    254: 'Sleeping', 255: 'Disabled'
  };
  var STOP_REASONS = {
    operator_off: 'Switched off by you', operator_sleep: 'Put to sleep by you',
    no_current: 'Stopped: the car drew no current', no_car: 'Stopped: no car connected',
    over_current: 'Stopped: the car drew more than allowed', no_headroom: 'Paused: not enough headroom',
    thermal: 'Paused to spare the breaker', failsafe: 'Held safe: readings lost',
    delay_timer: 'Waiting for the charging window'
  };
  var FAILSAFE = {
    no_readings: 'No mains readings yet: the charging current is not raised.',
    stale: 'Mains readings are stale: holding the safe current.',
    evse_link: 'Lost the link to the charger: it falls back to its own safe current.'
  };
  var ENABLE_WORDS = {1: 'off', 2: 'enabled', 3: 'asleep'};

  var schema = {};
  var loaded = {};
  var chart = null;
  var data = [[], [], [], [], [], [], []];
  var livePoints = 0;
  var lastStatus = null;

  function $(id) { return document.getElementById(id); }
  function text(id, value) { var el = $(id); if (el) { el.textContent = value; } }
  function amps(v) { return v === null || v === undefined ? '—' : Number(v).toFixed(1); }

  function reasonText(error) {
    var s = schema[error.key];
    var unit = s ? ' ' + s.unit : '';
    var expected = error.expected || '';
    var range = expected.replace('..', '–');
    switch (error.reason) {
      case 'out_of_range': return 'Allowed: ' + range + unit;
      case 'not_an_integer': return 'Enter a whole number' + (range ? ' (' + range + unit + ')' : '');
      case 'empty': return 'Enter a value';
      case 'bad_bytes': return 'Use plain digits only';
      case 'too_long': return 'That is far too long';
      case 'inconsistent': return 'Conflicts with another setting; allowed now: ' + range + unit;
      case 'not_a_time': return 'Use HH:MM-HH:MM, e.g. 22:00-06:00, or 0 for any time';
      case 'unknown_key': return 'Not a setting';
      case 'evse_offline': return 'The charger cannot be reached right now';
      case 'not_charging': return 'Only possible while a car is connected';
      case 'evse_rejected': return 'The charger refused it';
      case 'evse_timeout': case 'timeout': return 'The charger did not answer in time';
      case 'busy': return 'An update is running; try again later';
      case 'storage_error': return error.detail === 'disk_full' ? 'Not saved: the gateway\'s disk is full'
          : 'Not saved: the gateway cannot write its settings';
      case 'internal_error': return 'The gateway failed to do it; see its log';
      case 'overloaded': return 'Too many commands waiting; try again';
      case 'unauthorized': return 'Sign in to change settings';
      default: return 'Refused';
    }
  }

  function showError(id, error) {
    var el = $(id);
    if (!el) { return false; }
    el.textContent = reasonText(error) + ' ';
    var code = document.createElement('code');
    code.className = 'reason';
    code.textContent = error.reason;
    el.appendChild(code);
    return true;
  }

  function clearErrors() {
    var all = document.querySelectorAll('.field-error');
    for (var i = 0; i < all.length; i++) { all[i].textContent = ''; }
    var inputs = document.querySelectorAll('[aria-invalid]');
    for (var j = 0; j < inputs.length; j++) { inputs[j].removeAttribute('aria-invalid'); }
  }

  function request(method, url, body) {
    var options = {method: method, credentials: 'same-origin', headers: {}};
    if (body !== undefined) {
      options.headers['Content-Type'] = 'application/json';
      options.body = JSON.stringify(body);
    }
    return fetch(url, options).then(function (response) {
      return response.text().then(function (raw) {
        var json = null;
        try { json = raw ? JSON.parse(raw) : null; } catch (e) { json = null; }
        if (response.status === 401) { $('signin-notice').hidden = false; }
        return {status: response.status, ok: response.ok, json: json};
      });
    });
  }

  /* ---------- status ---------- */

  function renderStatus(s) {
    lastStatus = s;
    text('serial', s.serial || '');
    text('fw', s.fw ? 'Dinamics ' + s.fw + ' · serial ' + s.serial : '');
    var breaker = s.breaker;
    text('breaker', breaker);
    for (var p = 0; p < 3; p++) {
      var value = s.mains ? s.mains[p] : null;
      var age = s.mains_age_ms ? s.mains_age_ms[p] : null;
      var tile = $('tile-l' + (p + 1));
      text('mains-l' + (p + 1), amps(value));
      var pct = value === null || value === undefined || !breaker ? 0 : Math.min(100, 100 * value / breaker);
      $('bar-l' + (p + 1)).style.width = pct + '%';
      tile.dataset.level = pct >= 100 ? 'over' : pct >= 85 ? 'high' : 'ok';
      var staleMs = loaded.stale_after ? Number(loaded.stale_after) : STALE_MS;
      var stale = age !== null && age !== undefined && age > staleMs;
      tile.dataset.stale = stale ? 'true' : 'false';
      text('note-l' + (p + 1), value === null || value === undefined ? 'no reading'
        : stale ? 'stale: ' + Math.round(age / 1000) + ' s old' : Math.round(pct) + ' % of breaker');
    }
    text('car-current', amps(s.charging_current));
    text('allowed-current', s.max_charging_current === null ? '—' : s.max_charging_current);
    text('limit-current', s.c_limit === null ? '—' : s.c_limit);
    text('connection', s.connection === 'OK' ? 'Connected' : s.connection === 'CON_ERROR' ? 'No link to charger' : '—');
    text('phases', phasesText(s.active_phases));
    text('power', s.power === null || s.power === undefined ? '—' : (s.power / 1000).toFixed(2) + ' kW');
    text('energy', s.energy === null || s.energy === undefined ? '—' : (s.energy / 1000).toFixed(2) + ' kWh');
    text('stop-reason', s.stop_reason ? (STOP_REASONS[s.stop_reason] || s.stop_reason) : 'Nothing holds it back');

    var chip = $('charger-state');
    var word = EVSE_STATES[s.evse_state];
    if (s.connection === 'CON_ERROR') { word = 'Charger unreachable'; }
    chip.textContent = word || 'Unknown state';
    chip.dataset.tone = s.connection === 'CON_ERROR' || (s.evse_state >= 4 && s.evse_state <= 11) ? 'bad'
      : s.evse_state === 3 ? 'busy' : s.evse_state === 2 ? 'ok' : s.evse_state === 254 ? 'warn' : 'muted';

    var banner = $('banner');
    if (s.failsafe && s.failsafe !== 'off') {
      banner.hidden = false;
      banner.dataset.tone = s.failsafe === 'evse_link' ? 'bad' : 'warn';
      banner.textContent = FAILSAFE[s.failsafe] || ('Failsafe active: ' + s.failsafe);
    } else {
      banner.hidden = true;
    }

    var buttons = document.querySelectorAll('[data-enable]');
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].setAttribute('aria-pressed', String(Number(buttons[i].dataset.enable) === s.enable));
    }
    text('enable-now', s.enable ? 'now ' + ENABLE_WORDS[s.enable] : '');
    var chargers = s.chargers || [];
    text('control-title', chargers.length > 1 ? 'Charger ' + chargers[0].id + ' (primary)' : 'Charger');
    renderChargers(chargers);
  }

  function phasesText(code) {
    if (!code) { return 'not known yet'; }
    var digits = String(code).split('');
    return digits.length + (digits.length === 1 ? ' phase' : ' phases') + ' (L' + digits.join(', L') + ')';
  }

  function renderChargers(chargers) {
    var card = $('chargers-card');
    card.hidden = chargers.length < 2;
    if (chargers.length < 2) { return; }
    var body = $('chargers-body');
    chargers.forEach(function (c) {
      var row = $('charger-row-' + c.id);
      if (!row) {
        row = document.createElement('tr');
        row.id = 'charger-row-' + c.id;
        for (var i = 0; i < 5; i++) { row.appendChild(document.createElement('td')); }
        var modeCell = document.createElement('td');
        var select = document.createElement('select');
        select.className = 'compact';
        select.setAttribute('aria-label', 'Mode of charger ' + c.id);
        [['2', 'Charge'], ['3', 'Sleep'], ['1', 'Off']].forEach(function (o) {
          var option = document.createElement('option');
          option.value = o[0];
          option.textContent = o[1];
          select.appendChild(option);
        });
        select.addEventListener('change', function () {
          request('POST', '/api/command', {key: 'enable', value: Number(select.value), charger: c.id})
            .then(function (r) {
              if (!r.ok) {
                var errors = r.json && r.json.errors ? r.json.errors : [{reason: 'refused'}];
                row.cells[5].title = reasonText(errors[0]);
                select.setAttribute('aria-invalid', 'true');
              } else {
                select.removeAttribute('aria-invalid');
              }
            });
        });
        modeCell.appendChild(select);
        row.appendChild(modeCell);
        body.appendChild(row);
      }
      var values = [c.id, c.connection === 'CON_ERROR' ? 'Unreachable' : (EVSE_STATES[c.evse_state] || 'Unknown'),
        amps(c.charging_current) + ' A', (c.max_charging_current === null ? '—' : c.max_charging_current) + ' A',
        c.priority];
      for (var j = 0; j < values.length; j++) { row.cells[j].textContent = values[j]; }
      var mode = row.cells[5].firstChild;
      if (c.enable && document.activeElement !== mode) { mode.value = String(c.enable); }
    });
  }

  /* ---------- chart ---------- */

  function breakerLabel(u) {
    var series = u.data[6];
    var value = null;
    for (var i = series.length - 1; i >= 0; i--) { if (series[i] !== null) { value = series[i]; break; } }
    if (value === null) { return; }
    var ctx = u.ctx;
    var y = u.valToPos(value, 'y', true);
    var x = u.bbox.left + u.bbox.width;
    ctx.save();
    ctx.font = '600 ' + Math.round(12 * devicePixelRatio) + 'px system-ui, sans-serif';
    ctx.fillStyle = '#b91c1c';
    ctx.textAlign = 'right';
    ctx.textBaseline = 'bottom';
    ctx.fillText('Breaker ' + value + ' A', x - 6 * devicePixelRatio, y - 4 * devicePixelRatio);
    ctx.restore();
  }

  function chartSize() {
    var el = $('chart');
    var width = Math.max(260, el.clientWidth);
    return {width: width, height: width < 600 ? 240 : 320};
  }

  function makeChart() {
    var size = chartSize();
    var opts = {
      width: size.width,
      height: size.height,
      cursor: {drag: {x: false, y: false}},
      legend: {live: false},
      scales: {x: {time: true}, y: {range: function (u, min, max) { return [0, Math.max(10, max * 1.1)]; }}},
      axes: [
        // whole seconds on a 24-hour clock: the first seconds of data would otherwise get ":47.500" ticks
        {stroke: '#5f6b77', grid: {stroke: '#eef1f4'}, incrs: TIME_INCRS_S, space: 70, values: clockTicks},
        {stroke: '#5f6b77', grid: {stroke: '#eef1f4'}, size: 48,
          values: function (u, vals) { return vals.map(function (v) { return v + ' A'; }); }}
      ],
      series: [
        {label: 'Time'},
        {label: 'Mains L1', stroke: '#d9480f', width: 2, value: unitValue},
        {label: 'Mains L2', stroke: '#1971c2', width: 2, value: unitValue},
        {label: 'Mains L3', stroke: '#7048e8', width: 2, value: unitValue},
        {label: 'Car', stroke: '#2b8a3e', width: 3, fill: 'rgba(43,138,62,0.08)', value: unitValue},
        {label: 'Allowed', stroke: '#e8a317', width: 2, dash: [6, 4], value: unitValue},
        {label: 'Breaker', stroke: '#b91c1c', width: 2, dash: [2, 3], value: unitValue}
      ],
      hooks: {draw: [breakerLabel]}
    };
    chart = new uPlot(opts, data, $('chart'));
    if (window.ResizeObserver) {
      new ResizeObserver(function () { if (chart) { chart.setSize(chartSize()); } }).observe($('chart'));
    }
  }

  function clockTicks(u, splits, axisIdx, space, incr) {
    return splits.map(function (ts) {
      var d = new Date(ts * 1000);
      var hhmm = pad2(d.getHours()) + ':' + pad2(d.getMinutes());
      return incr >= 60 ? hhmm : hhmm + ':' + pad2(d.getSeconds());
    });
  }

  function pad2(n) { return n < 10 ? '0' + n : String(n); }

  function unitValue(u, v) { return v === null || v === undefined ? '—' : v.toFixed(1) + ' A'; }

  function pushPoint(tsMs, mains, car, limit, breaker) {
    data[0].push(tsMs / 1000);
    data[1].push(mains[0]);
    data[2].push(mains[1]);
    data[3].push(mains[2]);
    data[4].push(car);
    data[5].push(limit);
    data[6].push(breaker);
  }

  function trimAndDraw() {
    var newest = data[0].length ? data[0][data[0].length - 1] : 0;
    var drop = 0;
    while (drop < data[0].length && data[0][drop] < newest - WINDOW_S) { drop++; }
    if (drop > 0) { for (var i = 0; i < data.length; i++) { data[i].splice(0, drop); } }
    $('chart').dataset.points = String(data[0].length);
    if (chart) { chart.setData(data); }
  }

  function loadHistory() {
    return request('GET', '/api/history?minutes=' + (WINDOW_S / 60)).then(function (r) {
      if (!r.ok || !r.json) { return; }
      var h = r.json;
      for (var i = 0; i < h.ts.length; i++) {
        pushPoint(h.ts[i], [h.l1[i], h.l2[i], h.l3[i]], h.car[i], h.limit[i], h.breaker[i]);
      }
      trimAndDraw();
    });
  }

  /* ---------- live events ---------- */

  function connect() {
    var live = $('live');
    var source = new EventSource('/api/events');
    source.onopen = function () { live.dataset.state = 'live'; text('live-text', 'Live'); };
    source.onerror = function () { live.dataset.state = 'lost'; text('live-text', 'Reconnecting…'); };
    source.addEventListener('status', function (e) { renderStatus(JSON.parse(e.data)); });
    source.addEventListener('sample', function (e) {
      var p = JSON.parse(e.data);
      if (data[0].length && p.ts / 1000 <= data[0][data[0].length - 1]) { return; }
      pushPoint(p.ts, p.mains, p.car, p.limit, p.breaker);
      livePoints++;
      $('chart').dataset.livePoints = String(livePoints);
      trimAndDraw();
    });
    source.addEventListener('settings', function (e) { fillSettings(JSON.parse(e.data)); });
    source.addEventListener('setting', function (e) {
      var change = JSON.parse(e.data);
      if (change.charger === null || change.charger === undefined || change.charger === primaryId()) {
        var values = {};
        values[change.key] = change.value;
        fillSettings(values);
      }
    });
  }

  function primaryId() {
    return lastStatus && lastStatus.chargers && lastStatus.chargers.length ? lastStatus.chargers[0].id : '1';
  }

  /* ---------- settings form ---------- */

  function humanMs(ms) {
    var n = Number(ms);
    if (!isFinite(n) || n <= 0) { return ''; }
    if (n < 1000) { return n + ' ms'; }
    if (n < 120000) { return (n / 1000).toFixed(n % 1000 ? 1 : 0) + ' s'; }
    return (n / 60000).toFixed(n % 60000 ? 1 : 0) + ' min';
  }

  function buildForm() {
    var holder = $('settings-groups');
    GROUPS.forEach(function (group, index) {
      var fieldset = document.createElement('fieldset');
      var legend = document.createElement('legend');
      legend.textContent = group[0];
      fieldset.appendChild(legend);
      var box = fieldset;
      if (index > 0) {
        box = document.createElement('details');
        box.className = 'group';
        var summary = document.createElement('summary');
        summary.textContent = group[0];
        box.appendChild(summary);
        legend.className = 'visually-hidden';
        box.appendChild(fieldset);
      }
      var fields = document.createElement('div');
      fields.className = 'fields';
      group[1].forEach(function (key) {
        var s = schema[key];
        if (!s || !s.editable) { return; }
        fields.appendChild(buildField(s));
      });
      fieldset.appendChild(fields);
      holder.appendChild(box);
    });
  }

  function buildField(s) {
    var label = LABELS[s.key] || [s.key, ''];
    var wrap = document.createElement('div');
    wrap.className = 'field';
    var l = document.createElement('label');
    l.className = 'field-label';
    l.htmlFor = 'f-' + s.key;
    l.textContent = label[0];
    wrap.appendChild(l);
    var input;
    if (s.unit === '0/1') {
      input = document.createElement('select');
      [['0', 'Off'], ['1', 'On']].forEach(function (o) {
        var option = document.createElement('option');
        option.value = o[0];
        option.textContent = o[1];
        input.appendChild(option);
      });
    } else {
      input = document.createElement('input');
      input.type = 'text';
      input.inputMode = s.key === 'delay_timer' ? 'text' : 'numeric';
      input.autocomplete = 'off';
      input.spellcheck = false;
    }
    input.id = 'f-' + s.key;
    input.name = s.key;
    input.addEventListener('input', function () { markDirty(input); });
    input.addEventListener('change', function () { markDirty(input); });
    var row = document.createElement('div');
    row.className = 'input-row';
    row.appendChild(input);
    if (s.unit !== '0/1' && s.unit !== 'HH:MM-HH:MM' && s.unit !== 'level' && s.unit !== 'rank') {
      var unit = document.createElement('span');
      unit.className = 'unit';
      unit.textContent = s.unit;
      row.appendChild(unit);
    }
    wrap.appendChild(row);
    var help = document.createElement('p');
    help.className = 'field-help';
    help.id = 'help-' + s.key;
    wrap.appendChild(help);
    var error = document.createElement('p');
    error.className = 'field-error';
    error.id = 'err-' + s.key;
    error.setAttribute('role', 'alert');
    wrap.appendChild(error);
    input.setAttribute('aria-describedby', help.id + ' ' + error.id);
    // the field is not in the document yet, so set its help here rather than by id
    help.textContent = helpText(s.key, '');
    return wrap;
  }

  function helpText(key, value) {
    var s = schema[key];
    var label = LABELS[key] || [key, ''];
    var parts = [];
    if (label[1]) { parts.push(label[1]); }
    if (s.min !== undefined && s.unit !== '0/1') { parts.push(s.min + '–' + s.max + (s.unit === 'HH:MM-HH:MM' ? '' : ' ' + s.unit)); }
    if (s.unit === 'ms' && value !== '') { parts.push('= ' + humanMs(value)); }
    return parts.join(' · ');
  }

  function updateHelp(key, value) {
    text('help-' + key, helpText(key, value));
  }

  function markDirty(input) {
    var dirty = input.value !== String(loaded[input.name]);
    input.classList.toggle('dirty', dirty);
    if (schema[input.name] && schema[input.name].unit === 'ms') { updateHelp(input.name, input.value); }
  }

  function fillSettings(values) {
    Object.keys(values).forEach(function (key) {
      var value = values[key];
      var shown = key === 'delay_timer' && value === 'off' ? '0' : String(value);
      var input = $('f-' + key);
      var wasDirty = input && input.classList.contains('dirty');
      loaded[key] = shown;
      if (input && !wasDirty) {
        input.value = shown;
        if (schema[key] && schema[key].unit === 'ms') { updateHelp(key, shown); }
      }
    });
  }

  function revert() {
    clearErrors();
    Object.keys(loaded).forEach(function (key) {
      var input = $('f-' + key);
      if (input) { input.value = loaded[key]; input.classList.remove('dirty'); updateHelp(key, loaded[key]); }
    });
    text('save-status', '');
  }

  function submitSettings(event) {
    event.preventDefault();
    clearErrors();
    var status = $('save-status');
    status.textContent = '';
    status.dataset.tone = '';
    var changes = {};
    var inputs = $('settings-form').querySelectorAll('input, select');
    for (var i = 0; i < inputs.length; i++) {
      var input = inputs[i];
      if (input.name && input.value !== String(loaded[input.name])) { changes[input.name] = input.value; }
    }
    if (!Object.keys(changes).length) { status.textContent = 'Nothing to save'; return; }
    $('save').disabled = true;
    request('PUT', '/api/settings', changes).then(function (r) {
      $('save').disabled = false;
      if (r.ok) {
        Object.keys(changes).forEach(function (key) {
          loaded[key] = changes[key];
          var input = $('f-' + key);
          if (input) { input.classList.remove('dirty'); }
        });
        status.textContent = 'Saved ✓';
        return;
      }
      status.dataset.tone = 'bad';
      status.textContent = r.status === 400 ? 'Nothing was changed: fix the fields marked below.' : 'Nothing was changed.';
      var errors = r.json && r.json.errors ? r.json.errors : [{reason: 'refused'}];
      errors.forEach(function (error) {
        var input = error.key ? $('f-' + error.key) : null;
        if (input) {
          input.setAttribute('aria-invalid', 'true');
          var group = input.closest('details');
          if (group) { group.open = true; }
        }
        if (!error.key || !showError('err-' + error.key, error)) { showError('err-form', error); }
      });
    }, function () {
      $('save').disabled = false;
      status.dataset.tone = 'bad';
      status.textContent = 'Could not reach the gateway.';
    });
  }

  function sendCommand(key, value, errorId) {
    clearErrors();
    return request('POST', '/api/command', {key: key, value: value}).then(function (r) {
      if (!r.ok) {
        var errors = r.json && r.json.errors ? r.json.errors : [{reason: 'refused'}];
        showError(errorId, errors[0]);
      }
      return r;
    });
  }

  function wireControls() {
    var buttons = document.querySelectorAll('[data-enable]');
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].addEventListener('click', function (e) {
        sendCommand('enable', Number(e.currentTarget.dataset.enable), 'err-enable');
      });
    }
    var commands = document.querySelectorAll('[data-command]');
    for (var j = 0; j < commands.length; j++) {
      commands[j].addEventListener('click', function (e) {
        var key = e.currentTarget.dataset.command;
        sendCommand(key, $('cmd-' + key).value, 'err-' + key);
      });
    }
    $('settings-form').addEventListener('submit', submitSettings);
    $('revert').addEventListener('click', revert);
  }

  function start() {
    wireControls();
    makeChart();
    request('GET', '/api/session').then(function (r) {
      var signedIn = r.json && r.json.signed_in;
      $('signin-notice').hidden = !!(signedIn || (r.json && r.json.may_change));
      document.querySelector('.logout').hidden = !signedIn;
    });
    request('GET', '/api/settings/schema').then(function (r) {
      if (r.json) { r.json.settings.forEach(function (s) { schema[s.key] = s; }); }
      buildForm();
      return request('GET', '/api/settings');
    }).then(function (r) {
      if (r && r.json) { fillSettings(r.json); }
      return loadHistory();
    }).then(connect, connect);
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
