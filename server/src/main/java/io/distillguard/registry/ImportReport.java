package io.distillguard.registry;

import java.util.List;

/**
 * What an import did. With any error nothing was changed; otherwise {@code issuedKeys} holds the secrets of the keys it
 * generated, shown this once.
 */
public record ImportReport(int created, int updated, int unchanged, List<IssuedKey> issuedKeys,
                           List<ImportError> errors) {

    public ImportReport {
        issuedKeys = List.copyOf(issuedKeys);
        errors = List.copyOf(errors);
    }

    static ImportReport failed(List<ImportError> errors) {
        return new ImportReport(0, 0, 0, List.of(), errors);
    }

    public boolean ok() {
        return errors.isEmpty();
    }
}
