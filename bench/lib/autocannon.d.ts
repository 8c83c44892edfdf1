/** The part of autocannon's API the server bench uses (the package ships no types). */
declare module 'autocannon' {
  export interface Histogram {
    readonly average: number;
    readonly mean: number;
    readonly p50: number;
    readonly p90: number;
    readonly p99: number;
    readonly max: number;
    readonly total: number;
  }
  export interface Client {
    setBody(body: string): void;
  }
  export interface RequestSpec {
    readonly method?: string;
    readonly path?: string;
    readonly headers?: Record<string, string>;
    readonly body?: string;
    readonly setupRequest?: (request: RequestSpec & { body?: string }, context: Record<string, unknown>) => RequestSpec;
  }
  export interface Options {
    readonly url: string;
    readonly method?: string;
    readonly connections?: number;
    readonly pipelining?: number;
    readonly duration?: number;
    readonly headers?: Record<string, string>;
    readonly body?: string;
    readonly requests?: readonly RequestSpec[];
    readonly timeout?: number;
  }
  export interface Result {
    readonly requests: Histogram;
    readonly latency: Histogram;
    readonly throughput: Histogram;
    readonly errors: number;
    readonly timeouts: number;
    readonly non2xx: number;
    /** Responses with a 2xx status. */
    readonly '2xx': number;
    readonly duration: number;
  }
  function autocannon(options: Options): Promise<Result>;
  export default autocannon;
}
