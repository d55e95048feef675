package io.bodycam.bench.scenario.units;

/**
 * A text that is not a valid quantity ("10 parsecs", a bare "45" where a unit is needed). The
 * message says what is wrong and {@link #hint()} how to write it, so a scenario loader can show
 * both next to the offending line.
 */
public final class UnitFormatException extends IllegalArgumentException {

    private final String hint;

    public UnitFormatException(String message, String hint) {
        super(message);
        this.hint = hint;
    }

    /** How to write the value correctly, e.g. "duration units: ms, s, m, h, d". */
    public String hint() {
        return hint;
    }
}
