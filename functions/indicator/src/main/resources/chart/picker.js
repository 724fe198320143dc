// The study picker: a search box over the catalogue (ARIA combobox with a listbox). Every word typed
// must appear in a study's code, title or group ("bollinger", "rsi", "pattern doji"); the best
// matches come first (the code itself, then codes and title words starting with the text). Arrow
// keys move, Enter adds, Escape closes; a click adds too.

/**
 * @param input the text box (role=combobox)
 * @param list the listbox (ul)
 * @param entries () => the catalogue's entries, in catalogue order
 * @param onPick (entry) => void
 */
export function createPicker(input, list, entries, onPick) {
  let shown = [];
  let active = -1;

  function rank(entry, words) {
    const code = entry.name.toLowerCase();
    const title = (entry.title || '').toLowerCase();
    const text = `${code} ${title} ${(entry.group || '').toLowerCase()}`;
    if (!words.every((w) => text.includes(w))) return -1;
    const all = words.join(' ');
    if (code === all) return 0;
    if (code.startsWith(all)) return 1;
    if (title.startsWith(all) || title.includes(' ' + all)) return 2;
    return 3;
  }

  function matches() {
    const words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
    const ranked = entries().map((entry, order) => ({ entry, order, rank: rank(entry, words) }))
      .filter((m) => m.rank >= 0);
    if (words.length) ranked.sort((x, y) => x.rank - y.rank || x.order - y.order);
    return ranked.map((m) => m.entry);
  }

  function render() {
    shown = matches();
    active = shown.length && input.value.trim() ? 0 : -1;
    const items = [];
    let group = null;
    const grouped = !input.value.trim();
    shown.forEach((entry, i) => {
      if (grouped && entry.group !== group) {
        group = entry.group;
        const header = document.createElement('li');
        header.setAttribute('role', 'presentation');
        header.className = 'group';
        header.textContent = group || 'Studies';
        items.push(header);
      }
      const option = document.createElement('li');
      option.setAttribute('role', 'option');
      option.id = `study-option-${entry.name}`;
      option.dataset.index = i;
      const code = document.createElement('b');
      code.textContent = entry.name;
      const title = document.createElement('span');
      title.textContent = ' ' + (entry.title || '');
      option.append(code, title);
      if (!grouped) {
        const where = document.createElement('small');
        where.textContent = ' · ' + (entry.group || '');
        option.append(where);
      }
      items.push(option);
    });
    if (!shown.length) {
      const none = document.createElement('li');
      none.setAttribute('role', 'presentation');
      none.className = 'none';
      none.textContent = `No study matches "${input.value.trim()}"`;
      items.push(none);
    }
    list.replaceChildren(...items);
    highlight();
  }

  function highlight() {
    list.querySelectorAll('[role=option]').forEach((option) => {
      const on = Number(option.dataset.index) === active;
      option.setAttribute('aria-selected', on);
      if (on) option.scrollIntoView({ block: 'nearest' });
    });
    if (active >= 0) input.setAttribute('aria-activedescendant', `study-option-${shown[active].name}`);
    else input.removeAttribute('aria-activedescendant');
  }

  function open() {
    if (!list.hidden) return;
    list.hidden = false;
    input.setAttribute('aria-expanded', 'true');
    render();
  }

  function close() {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
  }

  function pick(index) {
    const entry = shown[index];
    if (!entry) return;
    input.value = '';
    close();
    onPick(entry);
  }

  input.addEventListener('focus', open);
  input.addEventListener('click', open);
  input.addEventListener('input', () => {
    list.hidden = false;
    input.setAttribute('aria-expanded', 'true');
    render();
  });
  input.addEventListener('blur', close);
  input.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (list.hidden) open();
      if (!shown.length) return;
      const step = e.key === 'ArrowDown' ? 1 : -1;
      active = active < 0 ? (step > 0 ? 0 : shown.length - 1) : (active + step + shown.length) % shown.length;
      highlight();
    } else if (e.key === 'Enter') {
      e.preventDefault();
      if (!list.hidden && active >= 0) pick(active);
    } else if (e.key === 'Escape') {
      if (!list.hidden) {
        e.preventDefault();
        close();
      } else {
        input.value = '';
      }
    }
  });
  // mousedown, not click: a click would blur (and close) the box before it lands.
  list.addEventListener('mousedown', (e) => {
    e.preventDefault();
    const option = e.target.closest('[role=option]');
    if (option) pick(Number(option.dataset.index));
  });
  return { close };
}
