// One sentence from valibot issues, for error messages people read: "channel: must be one of …".
import * as v from 'valibot';

export function describeIssues(issues: readonly v.BaseIssue<unknown>[], limit = issues.length): string {
  return issues
    .slice(0, limit)
    .map((issue) => {
      const path = v.getDotPath(issue);
      return path ? `${path}: ${issue.message}` : issue.message;
    })
    .join('; ');
}
