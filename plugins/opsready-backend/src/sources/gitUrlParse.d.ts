// The parts of git-url-parse (which ships no types) that OpsReady reads.
declare module 'git-url-parse' {
  interface GitUrl {
    /** The host name, without the port. */
    resource: string;
    port: string | null;
    /** `owner/name`, or `group/subgroup/name` on GitLab. */
    full_name: string;
    /** The branch, tag or commit in the URL; empty when it names none. */
    ref: string;
    /** The path inside the repository, without leading or trailing slash. */
    filepath: string;
  }
  function gitUrlParse(url: string): GitUrl;
  export default gitUrlParse;
}
