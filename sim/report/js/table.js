// A sortable data table.
import { h } from './dom.js';

// columns: [{label, get(row), fmt(value, row), num, cls(value, row), title(row)}]; rows carry an
// optional `key` (data-key); selectedKey() names the row to keep marked after a sort.
export function dataTable({ id, columns, rows, onClick, rowClass, selectedKey }) {
  const table = h('table', { class: 'data', id });
  const tbody = h('tbody');
  const render = (list) => {
    tbody.textContent = '';
    for (const r of list) {
      const tr = h('tr', { class: (onClick ? 'clickable ' : '') + (rowClass ? rowClass(r) : ''), 'data-key': r.key !== undefined ? r.key : null },
        columns.map((c) => {
          const v = c.get(r);
          const shown = c.fmt ? c.fmt(v, r) : v === null || v === undefined ? '\u2013' : v;
          return h('td', { class: (c.num ? 'num ' : '') + (c.cls ? c.cls(v, r) : ''), title: c.title ? c.title(r) : null }, shown);
        }));
      if (onClick) tr.addEventListener('click', () => onClick(r));
      tbody.append(tr);
    }
  };
  let sortColumn = -1, ascending = true;
  const heads = columns.map((c, n) => h('th', { class: c.num ? 'num' : '', title: 'sort', onclick: () => {
    ascending = sortColumn === n ? !ascending : !c.num;
    sortColumn = n;
    heads.forEach((th) => th.classList.remove('sorted-asc', 'sorted-desc'));
    heads[n].classList.add(ascending ? 'sorted-asc' : 'sorted-desc');
    const sorted = rows.slice().sort((a, b) => {
      const x = c.get(a), y = c.get(b);
      if (x === y) return 0;
      if (x === null || x === undefined) return 1;
      if (y === null || y === undefined) return -1;
      return (x < y ? -1 : 1) * (ascending ? 1 : -1);
    });
    render(sorted);
    const selected = selectedKey ? selectedKey() : undefined;
    if (selected !== undefined && selected !== null) {
      const tr = tbody.querySelector(`tr[data-key="${selected}"]`);
      if (tr) tr.classList.add('selected');
    }
  } }, c.label));
  table.append(h('thead', {}, h('tr', {}, heads)), tbody);
  render(rows);
  return table;
}
