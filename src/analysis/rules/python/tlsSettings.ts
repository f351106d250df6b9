// Where TLS settings are made, shared by the TLS rules.
import { callQuery } from './calls';

/**
 * Calls, plus the two other places where TLS settings are made: assigning an SSL context's
 * attributes and defaulting a parameter to a protocol constant. Shared by the TLS rules.
 */
export const tlsSettingsQuery = `${callQuery}
(assignment left: (attribute attribute: (identifier) @setting) right: (_) @value (#any-of? @setting "check_hostname" "verify" "verify_mode" "minimum_version" "maximum_version" "_create_default_https_context")) @assignment
(default_parameter value: (attribute) @value) @parameter
(typed_default_parameter value: (attribute) @value) @parameter`;
