// What /app/campaigns/:id/report answers (stats-report.server.ts builds it; the page's report cards read it).
import type { LiftReport } from "./lift";
import type { CampaignCost } from "./stats-cost";
import type { Timeline } from "./stats-timeline";

export interface CampaignReport {
  /** SMS only: email is not billed per message. */
  cost: CampaignCost | null;
  /** Null until sending starts. */
  timeline: Timeline | null;
  lift: LiftReport | null;
}
