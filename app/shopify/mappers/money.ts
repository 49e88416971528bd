// Money is integer minor units plus the currency (DESIGN: Storage). Shopify sends decimal
// strings ("421.88", "100.0", "1e3" never); parsing them as floats would give 421.87999…
// so the digits are shifted as text. https://shopify.dev/docs/api/admin-graphql/latest/objects/MoneyV2

// ISO 4217 minor-unit exponents that differ from 2 (currencies Shopify supports).
const EXPONENT: Readonly<Record<string, number>> = {
  BIF: 0,
  CLP: 0,
  DJF: 0,
  GNF: 0,
  ISK: 0,
  JPY: 0,
  KMF: 0,
  KRW: 0,
  PYG: 0,
  RWF: 0,
  UGX: 0,
  UYI: 0,
  VND: 0,
  VUV: 0,
  XAF: 0,
  XOF: 0,
  XPF: 0,
  BHD: 3,
  IQD: 3,
  JOD: 3,
  KWD: 3,
  LYD: 3,
  OMR: 3,
  TND: 3,
};

export function currencyExponent(currency: string): number {
  return EXPONENT[currency] ?? 2;
}

/** "421.88" USD → 42188. Rounds half away from zero past the currency's precision. */
export function toMinorUnits(amount: string, currency: string): number {
  const match = /^(-?)([0-9]+)(?:\.([0-9]*))?$/.exec(amount.trim());
  if (!match) throw new Error(`Not a money amount: ${JSON.stringify(amount)} ${currency}`);
  const [, sign = "", whole = "0", fraction = ""] = match;
  const exponent = currencyExponent(currency);
  const kept = fraction.slice(0, exponent).padEnd(exponent, "0");
  let minor = Number(whole + kept);
  if ((fraction[exponent] ?? "0") >= "5") minor += 1;
  if (!Number.isSafeInteger(minor)) throw new Error(`Money amount out of range: ${amount} ${currency}`);
  return sign === "-" && minor !== 0 ? -minor : minor;
}

export interface MoneyV2 {
  amount: string;
  currencyCode: string;
}

/** A `MoneyBag`'s shop-currency amount in minor units (GraphQL `…Set { shopMoney { … } }`). */
export function shopMoneyMinor(bag: { shopMoney: MoneyV2 } | null | undefined): number {
  return bag ? toMinorUnits(bag.shopMoney.amount, bag.shopMoney.currencyCode) : 0;
}
