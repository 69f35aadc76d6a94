/** How bad a finding is. */
export enum PostureSeverity {
  /** Fails the synth (aspect) and makes the command exit non-zero. */
  ERROR = 'error',
  /** Reported; never fails. Errors of explicitly relaxed resources are reported as warnings. */
  WARNING = 'warning',
}

/** What a posture rule checks, why, and how to fix what it finds. */
export interface PostureRuleInfo {
  /** Stable ID to suppress or relax the rule by, e.g. `POSTURE-GKE-PRIVATE-NODES`. */
  readonly id: string;
  /** One line, e.g. `GKE nodes have public IP addresses`. */
  readonly title: string;
  /** Severity of its findings (errors of explicitly relaxed resources are reported as warnings). */
  readonly severity: PostureSeverity;
  /** Resource types the rule reads, e.g. `google_container_cluster`. */
  readonly resourceTypes: string[];
  /** Why it matters, from the Google Cloud documents the library implements. */
  readonly reason: string;
  /** The document the reason comes from, by title. */
  readonly source: string;
  /** How to fix it in general; each finding names the exact attribute. */
  readonly fix: string;
  /** The library option that relaxes the rule explicitly (reported as a warning), if any. @default - none */
  readonly relaxedBy?: string;
}
