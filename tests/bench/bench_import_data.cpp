// Writes the CSV that `./dev.sh bench import` feeds to Mailroom and to the sqlite3 shell: a
// contact export as a real list looks, about 130 bytes a row (email, first name, last name,
// company, phone, city, country), names from a dozen locales (accents, ß, Ł, Cyrillic, CJK),
// companies that need quoting, CRLF line ends as Excel and Google write them. Exactly 1% of
// the rows repeat an earlier row's email (half of them in another letter case) and 0.5% carry
// an email no validator accepts. The same seed gives the same bytes.
//
//   bench_import_data [--rows N] [--seed S] OUT.csv
//
// Prints "name value" lines: rows, duplicates, invalid, unique_valid (what a validating,
// deduplicating import keeps), unique_emails (what a unique case-insensitive index keeps,
// invalid ones included) and bytes.

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <random>
#include <string>
#include <vector>

namespace {

struct Name
{
    const char* shown;
    const char* ascii; // for the email's local part
};

struct Locale
{
    std::vector<Name> first;
    std::vector<Name> last;
    std::vector<const char*> cities;
    const char* country;
    const char* phonePrefix;
    const char* domain;
    std::vector<const char*> companySuffixes;
    int weight;
};

const std::vector<Locale>& locales()
{
    static const std::vector<Locale> all = {
        {{{"Jürgen", "juergen"},
          {"Anna", "anna"},
          {"Lukas", "lukas"},
          {"Sophie", "sophie"},
          {"Maximilian", "max"},
          {"Grete", "grete"},
          {"Björn", "bjoern"},
          {"Lea", "lea"}},
         {{"Müller", "mueller"},
          {"Schmidt", "schmidt"},
          {"Weiß", "weiss"},
          {"Schröder", "schroeder"},
          {"Bäcker", "baecker"},
          {"Hoffmann", "hoffmann"},
          {"Köhler", "koehler"},
          {"Straßburger", "strassburger"}},
         {"München", "Köln", "Düsseldorf", "Berlin", "Nürnberg", "Lüneburg"},
         "Deutschland",
         "+49 ",
         "example.de",
         {"GmbH", "GmbH & Co. KG", "AG", "e.K."},
         3},
        {{{"Élodie", "elodie"},
          {"François", "francois"},
          {"Chloé", "chloe"},
          {"Jérôme", "jerome"},
          {"Amélie", "amelie"},
          {"Noël", "noel"}},
         {{"Lefèvre", "lefevre"},
          {"Dupré", "dupre"},
          {"Bénard", "benard"},
          {"Moreau", "moreau"},
          {"Giraud", "giraud"},
          {"Lemaître", "lemaitre"}},
         {"Besançon", "Orléans", "Paris", "Nîmes", "Angoulême"},
         "France",
         "+33 ",
         "exemple.fr",
         {"SARL", "SAS", "& Fils"},
         2},
        {{{"José", "jose"}, {"María", "maria"}, {"Iñaki", "inaki"}, {"Lucía", "lucia"}, {"Martín", "martin"}},
         {{"Núñez", "nunez"},
          {"García Pérez", "garcia"},
          {"Álvarez", "alvarez"},
          {"Muñoz", "munoz"},
          {"Etxeberría", "etxeberria"}},
         {"A Coruña", "Málaga", "Córdoba", "Logroño", "Cádiz"},
         "España",
         "+34 ",
         "ejemplo.es",
         {"S.L.", "S.A."},
         2},
        {{{"Søren", "soren"}, {"Åsa", "asa"}, {"Ægir", "aegir"}, {"Märta", "marta"}},
         {{"Søndergård", "sondergard"}, {"Ångström", "angstrom"}, {"Nyström", "nystrom"}, {"Østergaard", "ostergaard"}},
         {"Århus", "Malmö", "Göteborg", "Tromsø"},
         "Sverige",
         "+46 ",
         "exempel.se",
         {"AB", "ApS"},
         1},
        {{{"Łukasz", "lukasz"}, {"Zofia", "zofia"}, {"Krzysztof", "krzysztof"}, {"Małgorzata", "malgorzata"}},
         {{"Wąsowski", "wasowski"}, {"Żółkiewska", "zolkiewska"}, {"Nowak", "nowak"}, {"Szczęsny", "szczesny"}},
         {"Łódź", "Kraków", "Gdańsk", "Wrocław"},
         "Polska",
         "+48 ",
         "przyklad.pl",
         {"Sp. z o.o.", "S.A."},
         1},
        {{{"Çağlar", "caglar"}, {"Ayşe", "ayse"}, {"Tomáš", "tomas"}, {"Dvořák", "dvorak"}},
         {{"Öztürk", "ozturk"}, {"Yılmaz", "yilmaz"}, {"Dvořáková", "dvorakova"}, {"Šťastný", "stastny"}},
         {"İstanbul", "İzmir", "Brno", "Plzeň"},
         "Türkiye",
         "+90 ",
         "ornek.com.tr",
         {"A.Ş.", "s.r.o."},
         1},
        {{{"Ольга", "olga"}, {"Дмитрий", "dmitry"}, {"Анна", "anna"}},
         {{"Петрова", "petrova"}, {"Иванов", "ivanov"}, {"Смирнова", "smirnova"}},
         {"Москва", "Санкт-Петербург", "Казань"},
         "Россия",
         "+7 ",
         "primer.ru",
         {"ООО", "АО"},
         1},
        {{{"伟", "wei"}, {"芳", "fang"}, {"陽翔", "haruto"}, {"さくら", "sakura"}},
         {{"李", "li"}, {"王", "wang"}, {"佐藤", "sato"}, {"鈴木", "suzuki"}},
         {"北京", "上海", "東京", "大阪"},
         "中国",
         "+86 ",
         "example.cn",
         {"有限公司", "株式会社"},
         1},
        {{{"James", "james"},
          {"Olivia", "olivia"},
          {"Zoë", "zoe"},
          {"Seán", "sean"},
          {"Madison", "madison"},
          {"Tyler", "tyler"},
          {"Siobhán", "siobhan"},
          {"Ethan", "ethan"}},
         {{"O'Brien", "obrien"},
          {"Smith", "smith"},
          {"Thompson", "thompson"},
          {"Nguyen", "nguyen"},
          {"Jackson", "jackson"},
          {"Ó Briain", "obriain"},
          {"Anderson", "anderson"},
          {"Moore", "moore"}},
         {"Dublin", "Manchester", "Springfield", "Toronto", "Auckland"},
         "United Kingdom",
         "+44 ",
         "example.co.uk",
         {"Ltd.", "LLP", "Inc."},
         4},
    };
    return all;
}

const char* const kCompanyWords[] = {
    "Northwind",       "Sunrise",           "Kettle & Copper",    "Blue Harbour",
    "Atelier Lumière", "Bäckerei am Markt", "Café Noël",          "Tailoring",
    "Florist",         "Hardware Supplies", "Print, Copy & Ship", "Green \"Leaf\" Gardens",
    "Consulting",      "Bicycle Works"};

// RFC 4180: a field with a delimiter, a quote or a line break is quoted, quotes doubled.
void appendField(std::string& out, const std::string& field)
{
    if (field.find_first_of(",\"\r\n") == std::string::npos) {
        out += field;
        return;
    }
    out += '"';
    for (char c : field) {
        if (c == '"') {
            out += '"';
        }
        out += c;
    }
    out += '"';
}

int usage(const char* program)
{
    std::fprintf(stderr, "usage: %s [--rows N] [--seed S] OUT.csv\n", program);
    return 2;
}

} // namespace

int main(int argc, char** argv)
{
    long long rows = 1000000;
    unsigned long long seed = 1;
    const char* outPath = nullptr;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--rows") == 0 && i + 1 < argc) {
            rows = std::atoll(argv[++i]);
        } else if (std::strcmp(argv[i], "--seed") == 0 && i + 1 < argc) {
            seed = std::strtoull(argv[++i], nullptr, 10);
        } else if (argv[i][0] != '-' && outPath == nullptr) {
            outPath = argv[i];
        } else {
            return usage(argv[0]);
        }
    }
    if (outPath == nullptr || rows < 1) {
        return usage(argv[0]);
    }
    std::ofstream out(outPath, std::ios::binary | std::ios::trunc);
    if (!out) {
        std::fprintf(stderr, "cannot write %s\n", outPath);
        return 1;
    }

    const auto& all = locales();
    std::vector<int> localeByWeight;
    for (size_t i = 0; i < all.size(); ++i) {
        localeByWeight.insert(localeByWeight.end(), size_t(all[i].weight), int(i));
    }
    std::mt19937_64 rng(seed);
    auto pick = [&rng](size_t n) { return size_t(rng() % n); };

    // The emails of the rows a duplicate may repeat (valid, first occurrences).
    std::vector<std::string> originals;
    originals.reserve(size_t(rows));
    long long duplicates = 0;
    long long invalid = 0;
    long long bytes = 0;

    std::string line;
    line.reserve(512);
    line = "Email,First Name,Last Name,Company,Phone,City,Country\r\n";
    out << line;
    bytes += static_cast<long long>(line.size());

    for (long long row = 0; row < rows; ++row) {
        const Locale& locale = all[size_t(localeByWeight[pick(localeByWeight.size())])];
        const Name& first = locale.first[pick(locale.first.size())];
        const Name& last = locale.last[pick(locale.last.size())];
        const std::string number = std::to_string(row + 1);

        // The row number in every fresh address keeps them unique; the forms vary as lists do.
        std::string email;
        switch (pick(4)) {
        case 0:
            email = std::string(first.ascii) + "." + last.ascii + number;
            break;
        case 1:
            email = std::string(1, first.ascii[0]) + "." + last.ascii + number;
            break;
        case 2:
            email = std::string(first.ascii) + "_" + last.ascii + "." + number;
            break;
        default:
            email = std::string(first.ascii) + "." + last.ascii + "." + number;
            break;
        }
        email += "@";
        email += pick(2) == 0 ? std::string(last.ascii) + "-" + locale.domain : std::string(locale.domain);

        if (row % 100 == 99) {
            // 1%: an earlier row's address again, half of the time in another case.
            ++duplicates;
            email = originals[pick(originals.size())];
            if (pick(2) == 0) {
                for (char& c : email) {
                    if (c >= 'a' && c <= 'z' && pick(3) == 0) {
                        c = char(c - 'a' + 'A');
                    }
                }
                email[0] = char(email[0] >= 'a' && email[0] <= 'z' ? email[0] - 'a' + 'A' : email[0]);
            }
        } else if (row % 200 == 50) {
            // 0.5%: the mistakes people make typing addresses, each still unique.
            ++invalid;
            const size_t at = email.find('@');
            switch (pick(5)) {
            case 0: // no @
                email.erase(at, 1);
                break;
            case 1: // two @
                email.insert(at, "@");
                break;
            case 2: // a space inside
                email.replace(email.find_first_of("._0123456789"), 1, " ");
                break;
            case 3: // no domain
                email.erase(at + 1);
                break;
            default: // a comma for the domain's last dot, so the field is quoted
                email[email.rfind('.')] = ',';
                break;
            }
        } else {
            originals.push_back(email);
        }

        std::string company;
        if (pick(10) != 0) {
            const char* word = kCompanyWords[pick(sizeof kCompanyWords / sizeof kCompanyWords[0])];
            const char* suffix = locale.companySuffixes[pick(locale.companySuffixes.size())];
            const Name& partner = locale.last[pick(locale.last.size())];
            company = pick(2) == 0 ? std::string(last.shown) + ", " + partner.shown + " & Partner " + suffix
                                   : std::string(word) + " " + last.shown + " " + suffix;
        }
        char digits[40];
        std::snprintf(digits, sizeof digits, "(0)%d %03d %02d %02d", int(10 + pick(90)), int(pick(1000)),
                      int(pick(100)), int(pick(100)));
        const std::string phone = pick(10) == 0 ? std::string() : std::string(locale.phonePrefix) + digits;

        line.clear();
        appendField(line, email);
        line += ',';
        appendField(line, first.shown);
        line += ',';
        appendField(line, last.shown);
        line += ',';
        appendField(line, company);
        line += ',';
        appendField(line, phone);
        line += ',';
        appendField(line, locale.cities[pick(locale.cities.size())]);
        line += ',';
        appendField(line, locale.country);
        line += "\r\n";
        out << line;
        bytes += static_cast<long long>(line.size());
    }
    out.close();
    if (!out) {
        std::fprintf(stderr, "cannot write %s\n", outPath);
        return 1;
    }
    std::printf("rows %lld\nduplicates %lld\ninvalid %lld\nunique_valid %lld\nunique_emails %lld\nbytes %lld\n", rows,
                duplicates, invalid, rows - duplicates - invalid, rows - duplicates, bytes);
    return 0;
}
