// Demo shop behaviour: a cart in localStorage (a real shop would keep it server-side), reported to the
// chat widget through its queued JS API; orders go to the shop's backend, which reports them by webhook.
window.LifecycleChat =
  window.LifecycleChat ||
  Object.assign(
    (...args) => {
      window.LifecycleChat.q.push(args);
    },
    { q: [] },
  );
(() => {
  var KEY = 'demo-shop-cart';
  var body = document.body;
  // Anonymous while the site asks for consent (no customer cookie yet).
  if (body.getAttribute('data-customer-id'))
    LifecycleChat('identify', { id: body.getAttribute('data-customer-id'), signature: body.getAttribute('data-customer-signature') });
  function reportCart(lines) {
    var items = 0,
      cents = 0;
    lines.forEach((l) => {
      items += l.qty;
      cents += l.qty * l.price;
    });
    // The lines let an agent send any of them back to the visitor as a product card.
    LifecycleChat('track', 'cart', {
      items: items,
      value: cents / 100,
      currency: 'USD',
      lines: lines.map((l) => ({
        title: l.name,
        price: l.price / 100,
        currency: 'USD',
        url: productUrl(l.slug),
        image: imageUrl(l.slug),
      })),
    });
  }
  function productUrl(slug) {
    return `${location.origin}/demo/product/${encodeURIComponent(slug)}`;
  }
  function imageUrl(slug) {
    return `${location.origin}/demo/img/${encodeURIComponent(slug)}.svg`;
  }
  // A product page describes its product (at the page's own address), for the agent's "Send product".
  var shown = document.querySelector('article.product [data-add-to-cart]');
  if (shown) {
    LifecycleChat('track', 'product', {
      title: shown.getAttribute('data-name'),
      price: Number(shown.getAttribute('data-price')) / 100,
      currency: 'USD',
      image: imageUrl(shown.getAttribute('data-add-to-cart')),
    });
  }
  function load() {
    try {
      return JSON.parse(localStorage.getItem(KEY) || '[]');
    } catch {
      return [];
    }
  }
  function save(lines) {
    localStorage.setItem(KEY, JSON.stringify(lines));
    render();
    reportCart(lines);
  }
  function money(cents) {
    return `$${(cents / 100).toFixed(2)}`;
  }
  function render() {
    var lines = load();
    var count = lines.reduce((n, l) => n + l.qty, 0);
    document.querySelectorAll('[data-cart-count]').forEach((el) => {
      el.textContent = String(count);
    });
    document.querySelectorAll('[data-cart-lines]').forEach((box) => {
      box.textContent = '';
      if (!lines.length) {
        const empty = document.createElement('p');
        empty.textContent = 'Your cart is empty.';
        box.appendChild(empty);
        return;
      }
      var list = document.createElement('ul');
      list.className = 'cart-lines';
      var total = 0;
      lines.forEach((l) => {
        total += l.qty * l.price;
        var li = document.createElement('li');
        li.textContent = `${l.qty} × ${l.name} — ${money(l.qty * l.price)}`;
        list.appendChild(li);
      });
      var sum = document.createElement('p');
      sum.className = 'total';
      sum.textContent = `Total: ${money(total)}`;
      box.appendChild(list);
      box.appendChild(sum);
    });
  }
  document.addEventListener('click', (e) => {
    var button = e.target.closest?.('[data-add-to-cart]');
    if (!button) return;
    var lines = load();
    var slug = button.getAttribute('data-add-to-cart');
    var line = lines.find((l) => l.slug === slug);
    if (line) line.qty += 1;
    else lines.push({ slug: slug, name: button.getAttribute('data-name'), price: Number(button.getAttribute('data-price')), qty: 1 });
    save(lines);
    var notice = document.querySelector('[data-cart-notice]');
    if (notice) notice.hidden = false;
  });
  document.addEventListener('submit', (e) => {
    var form = e.target;
    if (!form.matches('[data-checkout]')) return;
    e.preventDefault();
    var button = form.querySelector('button[type=submit]');
    var failed = document.querySelector('[data-order-error]');
    button.disabled = true;
    failed.hidden = true;
    var lines = load().map((l) => ({ slug: l.slug, qty: l.qty }));
    void fetch('/demo/api/orders', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ lines: lines }),
    })
      .then((res) => {
        if (!res.ok) throw new Error(`order failed: ${res.status}`);
        localStorage.setItem(KEY, '[]');
        render();
        form.hidden = true;
        document.querySelector('[data-order-notice]').hidden = false;
      })
      .catch(() => {
        failed.hidden = false;
      })
      .then(() => {
        button.disabled = false;
      });
  });
  render();
  reportCart(load());
})();
