package io.distillguard.registry;

/** Why one record of an import file was refused: where it is and what is wrong with it. */
public record ImportError(int line, String field, String message) {

    @Override
    public String toString() {
        return "line " + line + (field == null ? "" : ", " + field) + ": " + message;
    }
}
