import type { Construct } from "constructs";
import { S3Backend, type S3BackendConfig } from "cdktf";

/**
 * S3 backend with native S3 state locking (`use_lockfile`, Terraform >= 1.10). cdktf 0.21's
 * S3BackendConfig has no such field; the backend copies its props into the `terraform_remote_state`
 * lookups that cross-stack references create, so the flag reaches those as well.
 */
export class LockingS3Backend extends S3Backend {
  constructor(scope: Construct, props: Omit<S3BackendConfig, "dynamodbTable">) {
    super(scope, { ...props, useLockfile: true } as S3BackendConfig);
  }
}
