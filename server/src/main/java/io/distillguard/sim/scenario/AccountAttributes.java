package io.distillguard.sim.scenario;

/**
 * What the gateway can see about a population's accounts. Text fields are templates: {@code {i}} is the account's
 * index in the population, {@code {i%N}} that index modulo N, {@code {pop}} the population name.
 *
 * @param emailDomain signup email domain
 * @param userAgent   User-Agent header of its requests
 * @param fingerprint client (TLS/JA4-style) fingerprint header of its requests; null sends none
 * @param verified    whether the accounts passed identity verification
 * @param signupPath  how they signed up ({@code web}, {@code api}, {@code sales})
 */
public record AccountAttributes(String emailDomain, String userAgent, String fingerprint, Boolean verified,
        String signupPath, PaymentSpec payment, SignupSpec signup, IpSpec ip) {

    public AccountAttributes {
        emailDomain = emailDomain == null ? "{pop}-{i}.example" : emailDomain;
        userAgent = userAgent == null ? "Mozilla/5.0 ({pop} {i})" : userAgent;
        verified = verified != null && verified;
        signupPath = signupPath == null ? "web" : signupPath;
        payment = payment == null ? PaymentSpec.defaults() : payment;
        signup = signup == null ? SignupSpec.defaults() : signup;
        ip = ip == null ? IpSpec.defaults() : ip;
    }

    public static AccountAttributes defaults() {
        return new AccountAttributes(null, null, null, null, null, null, null, null);
    }

    /** {@code template} with {@code {i}}, {@code {i%N}} and {@code {pop}} filled in. */
    public static String fill(String template, String population, int index) {
        if (template == null) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (at < template.length()) {
            int open = template.indexOf('{', at);
            int close = open < 0 ? -1 : template.indexOf('}', open);
            if (open < 0 || close < 0) {
                out.append(template, at, template.length());
                break;
            }
            out.append(template, at, open);
            String var = template.substring(open + 1, close);
            if (var.equals("i")) {
                out.append(index);
            } else if (var.startsWith("i%")) {
                out.append(index % Integer.parseInt(var.substring(2)));
            } else if (var.equals("pop")) {
                out.append(population);
            } else {
                out.append('{').append(var).append('}');
            }
            at = close + 1;
        }
        return out.toString();
    }
}
