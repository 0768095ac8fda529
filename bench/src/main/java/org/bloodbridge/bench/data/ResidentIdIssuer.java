package org.bloodbridge.bench.data;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bloodbridge.engine.identity.NationalId;
import org.bloodbridge.engine.identity.Sex;

/**
 * Issues GB 11643 resident IDs that are unique by construction: the 3-digit sequence (odd = male)
 * counts up per address code, birth date and sex, so no ID has to be remembered. A full cell
 * (500 people of one sex born on one day in one district) moves on to the centre's next district.
 */
final class ResidentIdIssuer {
    /** County-level address codes (GB/T 2260) of the districts each default centre serves. */
    private static final Map<String, List<String>> DISTRICTS = Map.of(
            "CD", List.of("510104", "510105", "510106", "510107", "510108", "510112", "510113", "510114",
                    "510115", "510116", "510117"),
            "CQ", List.of("500101", "500102", "500103", "500104", "500105", "500106", "500107", "500108",
                    "500109", "500112", "500113"));
    /** Other centres draw on Sichuan cities outside Chengdu (Zigong, Panzhihua, Luzhou, Deyang, Mianyang). */
    private static final List<String> OTHER_DISTRICTS = List.of("510302", "510402", "510502", "510603", "510703");
    private static final int PER_SEX = 500;

    private final Map<String, List<String>> districtsByCentre;
    private final List<String> allDistricts = new ArrayList<>();
    private final LocalDate firstBirthDate;
    private final int days;
    private final short[] issued;

    /** Birth dates from {@code firstBirthDate} to {@code lastBirthDate} inclusive. */
    ResidentIdIssuer(List<String> centres, LocalDate firstBirthDate, LocalDate lastBirthDate) {
        this.districtsByCentre = new HashMap<>();
        for (String centre : centres) {
            List<String> districts = DISTRICTS.getOrDefault(centre, OTHER_DISTRICTS);
            districtsByCentre.put(centre, districts);
            for (String district : districts) {
                if (!allDistricts.contains(district)) {
                    allDistricts.add(district);
                }
            }
        }
        this.firstBirthDate = firstBirthDate;
        this.days = (int) ChronoUnit.DAYS.between(firstBirthDate, lastBirthDate) + 1;
        this.issued = new short[allDistricts.size() * days * 2];
    }

    record Issued(String nationalId, LocalDate birthDate) {}

    /** An unused ID for a person of this centre, sex and (if it has room) birth date. */
    Issued issue(String centre, int districtChoice, LocalDate wantedBirthDate, Sex sex) {
        List<String> districts = districtsByCentre.get(centre);
        int day = (int) ChronoUnit.DAYS.between(firstBirthDate, wantedBirthDate);
        for (int dayStep = 0; dayStep < days; dayStep++) {
            int d = (day + dayStep) % days;
            for (int step = 0; step < districts.size(); step++) {
                String district = districts.get((districtChoice + step) % districts.size());
                int cell = ((allDistricts.indexOf(district) * days + d) << 1) | (sex == Sex.M ? 1 : 0);
                if (issued[cell] < PER_SEX) {
                    int sequence = issued[cell]++ * 2 + (sex == Sex.M ? 1 : 0);
                    LocalDate birth = firstBirthDate.plusDays(d);
                    String first17 = district + birth.format(DateTimeFormatter.BASIC_ISO_DATE)
                            + Digits.padded(sequence, 3);
                    return new Issued(first17 + NationalId.checkCharacter(first17), birth);
                }
            }
        }
        throw new IllegalStateException("every resident ID of centre " + centre + " is taken");
    }

    int districts(String centre) {
        return districtsByCentre.get(centre).size();
    }
}
