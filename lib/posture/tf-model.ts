/**
 * The parsed form of a configuration that rules read.
 * @internal
 */

/** A resource block of the configuration. @internal */
export interface TfResource {
  readonly stack: string;
  readonly type: string;
  readonly name: string;
  /** `TYPE.NAME`, or `data.TYPE.NAME` for data sources. */
  readonly address: string;
  readonly body: Record<string, unknown>;
  readonly file?: string;
  readonly line?: number;
  /** cdktf construct path from the `//` metadata, when present. */
  readonly constructPath?: string;
  readonly data: boolean;
}

/** A stack with its parsed documents. @internal */
export interface TfStack {
  readonly name: string;
  readonly dependencies: string[];
  readonly files: string[];
  /** Top-level documents, one per file (for stack-level `//` markers and outputs). */
  readonly documents: Record<string, unknown>[];
  readonly resources: TfResource[];
  readonly dataSources: TfResource[];
}
