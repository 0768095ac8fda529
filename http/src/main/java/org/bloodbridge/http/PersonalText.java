package org.bloodbridge.http;

/**
 * A donor's name and phone in the clear, as a request gives them or as the API shows them; null
 * when not given (or erased). Never stored like this: {@link PersonalData} seals it first.
 */
record PersonalText(String name, String phone) {
    static final PersonalText NONE = new PersonalText(null, null);

    boolean isEmpty() {
        return name == null && phone == null;
    }

    /** Never the text: values end up in logs. */
    @Override
    public String toString() {
        return "PersonalText[" + (name != null ? "name" : "") + (phone != null ? " phone" : "") + "]";
    }
}
