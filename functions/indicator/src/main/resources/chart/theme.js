// Light or dark: the system's prefers-color-scheme, unless the page's toggle chose the other one,
// which is remembered (localStorage) until the choice matches the system again. A plain script in
// <head>, so <html data-theme> is set before the first paint (no white flash in the dark). Also the
// chart's colours for each theme, the one table the page draws with.
'use strict';
(() => {
  const KEY = 'chartfeed.theme';
  const media = window.matchMedia('(prefers-color-scheme: dark)');
  const listeners = [];

  // Study colours by index, the same hue in both themes, readable on either background; no red or
  // green, which say "down" and "up".
  const COLORS = {
    light: {
      background: '#ffffff', text: '#1f2328', shadeTo: '#ffffff', grid: '#f0f3fa', border: '#d1d4dc', crosshair: '#9598a1',
      up: '#26a69a', down: '#ef5350', volumeUp: 'rgba(38,166,154,.35)', volumeDown: 'rgba(239,83,80,.35)',
      // Lines coloured by a state (Supertrend's direction): not the candles' colours, so both read apart.
      trendUp: '#2e7d32', trendDown: '#c62828',
      histUp: '#26a69a', histUpWeak: 'rgba(38,166,154,.4)', histDown: '#ef5350', histDownWeak: 'rgba(239,83,80,.4)',
      fillAlpha: 0.12, fillDown: 'rgba(239,83,80,.14)', level: 'rgba(120,123,134,.8)',
      palette: ['#2962ff', '#f57c00', '#8e24aa', '#00838f', '#5d4037', '#3949ab', '#827717', '#455a64', '#ad1457'],
    },
    dark: {
      background: '#131722', text: '#d1d4dc', shadeTo: '#e0e3eb', grid: '#1e222d', border: '#2a2e39', crosshair: '#758696',
      up: '#26a69a', down: '#ef5350', volumeUp: 'rgba(38,166,154,.35)', volumeDown: 'rgba(239,83,80,.35)',
      trendUp: '#66bb6a', trendDown: '#ff7070',
      histUp: '#26a69a', histUpWeak: 'rgba(38,166,154,.45)', histDown: '#ef5350', histDownWeak: 'rgba(239,83,80,.45)',
      fillAlpha: 0.16, fillDown: 'rgba(239,83,80,.18)', level: 'rgba(178,181,190,.55)',
      palette: ['#5b8cff', '#ffa726', '#ce93d8', '#4dd0e1', '#bcaaa4', '#9fa8da', '#d4e157', '#b0bec5', '#f48fb1'],
    },
  };

  let choice = (() => {
    try {
      return localStorage.getItem(KEY);
    } catch (e) {
      return null;  // storage blocked: follow the system (a toggle still lasts the visit)
    }
  })();

  function system() {
    return media.matches ? 'dark' : 'light';
  }

  function effective() {
    return choice === 'dark' || choice === 'light' ? choice : system();
  }

  function apply() {
    document.documentElement.dataset.theme = effective();
    listeners.forEach((listener) => listener(effective()));
  }

  media.addEventListener('change', apply);
  window.chartfeedTheme = {
    effective,
    colors: () => COLORS[effective()],
    /** The other theme; remembered while it differs from the system's. */
    toggle() {
      const next = effective() === 'dark' ? 'light' : 'dark';
      choice = next === system() ? null : next;
      try {
        if (choice) localStorage.setItem(KEY, choice); else localStorage.removeItem(KEY);
      } catch (e) {
        // not remembered beyond this visit
      }
      apply();
    },
    onChange: (listener) => listeners.push(listener),
  };
  apply();
})();
