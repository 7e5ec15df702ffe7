'use strict';
const test = require('node:test');
const assert = require('node:assert');
const { cartTotal, formatPrice } = require('../src/index.js');

test('cartTotal adds prices times quantities', () => {
  assert.strictEqual(cartTotal([{ priceCents: 500, quantity: 2 }, { priceCents: 250 }]), 1250);
});

test('formatPrice formats cents as dollars', () => {
  assert.strictEqual(formatPrice(1999), '$19.99');
});
