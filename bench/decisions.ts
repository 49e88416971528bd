// `npm run bench -- decisions [--recipients N]`: pure dispatch decisions per second — consent,
// frequency cap and quiet hours for one marketing SMS per recipient (goal ≥ 500,000/s). The
// population mixes US states with their own rules, unknown states, Canada, France, Germany and
// the UK, phone/address disagreements, missing consent, suppression and 0–3 earlier messages;
// `now` is fixed (Monday 2026-12-07 17:00 UTC) so some recipients are inside quiet hours.
import { decideDispatch } from "../app/messaging/rules/decide-dispatch";
import type { DispatchMessage, DispatchRecipient, DispatchSettings } from "../app/messaging/rules/decide-dispatch";
import { DEFAULT_FREQUENCY_CAP } from "../app/messaging/rules/frequency-cap";
import type { SentMessage } from "../app/messaging/rules/frequency-cap";
import type { RecipientLocation } from "../app/messaging/rules/quiet-hours/next-allowed";
import { defaultQuietHours } from "../app/messaging/rules/quiet-hours/settings";
import type { Bench, BenchResult } from "./types";

const NOW = new Date("2026-12-07T17:00:00Z");
const HOUR = 3_600_000;
const POPULATION = 100_000;

const LOCATIONS: RecipientLocation[] = [
  { phone: { country: "US", region: "NY", timeZones: ["America/New_York"] }, address: { country: "US", province: "NY" } },
  { phone: { country: "US", region: "FL", timeZones: ["America/New_York"] }, address: { country: "US", province: "FL" } },
  { phone: { country: "US", region: "TX", timeZones: ["America/Chicago"] }, address: null },
  { phone: { country: "US", region: "CA", timeZones: ["America/Los_Angeles"] }, address: { country: "US", province: "CA" } },
  { phone: { country: "US", region: "NY", timeZones: ["America/New_York"] }, address: { country: "US", province: "CA" } },
  { phone: { country: "US", region: "RI", timeZones: ["America/New_York"] }, address: null },
  { phone: { country: "US", region: null, timeZones: ["America/Chicago"] }, address: null },
  { phone: { country: "CA", region: null, timeZones: ["America/Toronto"] }, address: { country: "CA", province: "ON" } },
  { phone: { country: "FR", region: null, timeZones: ["Europe/Paris"] }, address: { country: "FR", province: null } },
  { phone: { country: "DE", region: null, timeZones: ["Europe/Berlin"] }, address: null },
  { phone: { country: "GB", region: null, timeZones: ["Europe/London"] }, address: { country: "GB", province: null } },
];

function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const benchDecisions: Bench = async (options) => {
  const count = options.recipients ?? 1_000_000;
  const random = mulberry32(options.seed);
  const suppressed = new Set<string>();
  const population: { recipient: DispatchRecipient; history: SentMessage[] }[] = [];
  for (let i = 0; i < POPULATION; i++) {
    const address = `+1555${String(i).padStart(7, "0")}`;
    if (random() < 0.02) suppressed.add(address);
    const history: SentMessage[] = [];
    const earlier = Math.floor(random() * 4);
    for (let j = 0; j < earlier; j++)
      history.push({
        at: NOW.getTime() - Math.floor(random() * 240) * HOUR,
        channel: random() < 0.5 ? "sms" : "email",
        kind: random() < 0.9 ? "marketing" : "transactional",
      });
    population.push({
      recipient: {
        contact: { address, marketingState: random() < 0.9 ? "subscribed" : "not_subscribed" },
        location: LOCATIONS[Math.floor(random() * LOCATIONS.length)] as RecipientLocation,
      },
      history,
    });
  }
  const settings: DispatchSettings = {
    consent: { suppressed, shopPaused: false },
    frequencyCap: DEFAULT_FREQUENCY_CAP,
    quietHours: defaultQuietHours("America/New_York", "US"),
  };
  const message: DispatchMessage = { channel: "sms", kind: "marketing", onCap: { mode: "defer", maxWaitMs: 72 * HOUR }, deadline: null };

  const tally = new Map<string, number>();
  for (const { recipient, history } of population) {
    const decision = decideDispatch(recipient, message, history, settings, NOW);
    const key = decision.action === "skip" ? `skip:${decision.reason}` : decision.action;
    tally.set(key, (tally.get(key) ?? 0) + 1);
  }
  process.stderr.write(`decisions: ${[...tally].map(([k, v]) => `${k} ${v}`).join(", ")}\n`);

  let sent = 0;
  const start = performance.now();
  for (let i = 0; i < count; i++) {
    const { recipient, history } = population[i % POPULATION] as (typeof population)[number];
    if (decideDispatch(recipient, message, history, settings, NOW).action === "send_now") sent++;
  }
  const ms = performance.now() - start;
  if (sent === 0) throw new Error("no decision was send_now: the population is wrong");
  const results: BenchResult[] = [
    { bench: "decisions", metric: "decisions_per_s", value: Math.round((count / ms) * 1000), unit: "decisions/s" },
  ];
  return results;
};
