/** The job that starts a campaign at its time; one per campaign (its unique key). */
export const CAMPAIGN_START_JOB = "campaigns.start";

export const startJobKey = (campaignId: string) => `${CAMPAIGN_START_JOB}:${campaignId}`;
