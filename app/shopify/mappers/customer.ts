// PURE: Customer GraphQL node / bulk JSONL line → Flock's Customer row.
import { date, int, obj, optDate, optStr, str, stringList, bool, type Json } from "./fields";
import { toMinorUnits } from "./money";

export type MarketingState = "NOT_SUBSCRIBED" | "PENDING" | "SUBSCRIBED" | "UNSUBSCRIBED" | "REDACTED" | "INVALID";
export type OptInLevel = "SINGLE_OPT_IN" | "CONFIRMED_OPT_IN" | "UNKNOWN";
export type AccountState = "DISABLED" | "INVITED" | "ENABLED" | "DECLINED";

export interface CustomerRow {
  gid: string;
  email: string | null;
  phone: string | null;
  firstName: string | null;
  lastName: string | null;
  emailMarketingState: MarketingState;
  emailMarketingOptIn: OptInLevel | null;
  emailConsentUpdatedAt: Date | null;
  smsMarketingState: MarketingState;
  smsMarketingOptIn: OptInLevel | null;
  smsConsentUpdatedAt: Date | null;
  tags: string;
  countryCode: string | null;
  provinceCode: string | null;
  city: string | null;
  zip: string | null;
  address1: string | null;
  address2: string | null;
  locale: string | null;
  accountState: AccountState;
  verifiedEmail: boolean;
  shopifyAmountSpent: number | null;
  shopifyNumberOfOrders: number | null;
  note: string | null;
  shopifyCreatedAt: Date;
  shopifyUpdatedAt: Date;
}

const MARKETING: ReadonlySet<string> = new Set(["NOT_SUBSCRIBED", "PENDING", "SUBSCRIBED", "UNSUBSCRIBED", "REDACTED", "INVALID"]);
const OPT_IN: ReadonlySet<string> = new Set(["SINGLE_OPT_IN", "CONFIRMED_OPT_IN", "UNKNOWN"]);
const ACCOUNT: ReadonlySet<string> = new Set(["DISABLED", "INVITED", "ENABLED", "DECLINED"]);

/**
 * Email (`CustomerEmailAddressMarketingState`) and SMS (`CustomerMarketingConsentState`)
 * consent use different enums; SMS says NEVER_SUBSCRIBED where email says NOT_SUBSCRIBED.
 */
export function toMarketingState(value: unknown): MarketingState {
  if (value === "NEVER_SUBSCRIBED") return "NOT_SUBSCRIBED";
  return typeof value === "string" && MARKETING.has(value) ? (value as MarketingState) : "NOT_SUBSCRIBED";
}

export function toOptInLevel(value: unknown): OptInLevel | null {
  return typeof value === "string" && OPT_IN.has(value) ? (value as OptInLevel) : null;
}

export function toAccountState(value: unknown): AccountState {
  const upper = typeof value === "string" ? value.toUpperCase() : "";
  return ACCOUNT.has(upper) ? (upper as AccountState) : "DISABLED";
}

export function mapCustomerNode(node: Json): CustomerRow {
  const email = obj(node.defaultEmailAddress);
  const phone = obj(node.defaultPhoneNumber);
  const sms = obj(phone?.smsMarketingConsent);
  const address = obj(node.defaultAddress);
  const spent = obj(node.amountSpent);
  return {
    gid: str(node, "id"),
    email: optStr(email, "emailAddress"),
    phone: optStr(phone, "phoneNumber"),
    firstName: optStr(node, "firstName"),
    lastName: optStr(node, "lastName"),
    emailMarketingState: toMarketingState(email?.marketingState),
    emailMarketingOptIn: toOptInLevel(email?.marketingOptInLevel),
    emailConsentUpdatedAt: optDate(email, "marketingUpdatedAt"),
    smsMarketingState: toMarketingState(sms?.state),
    smsMarketingOptIn: toOptInLevel(sms?.optInLevel),
    smsConsentUpdatedAt: optDate(sms, "updatedAt"),
    tags: stringList(node, "tags").join(", "),
    countryCode: optStr(address, "countryCodeV2"),
    provinceCode: optStr(address, "provinceCode"),
    city: optStr(address, "city"),
    zip: optStr(address, "zip"),
    address1: optStr(address, "address1"),
    address2: optStr(address, "address2"),
    locale: optStr(node, "locale"),
    accountState: toAccountState(node.state),
    verifiedEmail: bool(node, "verifiedEmail"),
    shopifyAmountSpent: spent ? toMinorUnits(str(spent, "amount"), str(spent, "currencyCode")) : null,
    shopifyNumberOfOrders: node.numberOfOrders === undefined || node.numberOfOrders === null ? null : int(node, "numberOfOrders"),
    note: optStr(node, "note"),
    shopifyCreatedAt: date(node, "createdAt"),
    shopifyUpdatedAt: date(node, "updatedAt"),
  };
}
