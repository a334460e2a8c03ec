package io.distillguard.flink;

import io.distillguard.detect.account.AccountDirectory;
import java.io.Serializable;

/**
 * The account directory the job ships to its operators (a table loaded from the registry export, a lookup service
 * client): an {@link AccountDirectory} that Flink can serialize into the job graph.
 */
public interface JobDirectory extends AccountDirectory, Serializable {
}
