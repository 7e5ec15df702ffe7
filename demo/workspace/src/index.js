'use strict';

/** Adds up the prices of the items in a cart, in cents. */
function cartTotal(items) {
  return items.reduce((sum, item) => sum + item.priceCents * (item.quantity ?? 1), 0);
}

/** Formats cents as a price, e.g. 1999 -> "$19.99". */
function formatPrice(cents) {
  return `$${(cents / 100).toFixed(2)}`;
}

module.exports = { cartTotal, formatPrice };
