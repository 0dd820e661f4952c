#include "core/campaigns/Segment.h"
#include "core/campaigns/SegmentSchema.h"
#include "core/contacts/CustomFieldRepository.h"
#include "core/contacts/GroupRepository.h"
#include "core/storage/Workspace.h"

#include <QTemporaryDir>
#include <QTest>

#include <memory>

// A segment's rules as JSON: what is written reads back the same, and every way the JSON can be
// wrong is refused with a message that says which condition and what is wrong with it.
class TestSegment : public QObject
{
    Q_OBJECT

private:
    // Test JSON is written with ' for " (no raw strings in moc'd files); $points etc. are ids.
    QByteArray json(QString text) const
    {
        text.replace('\'', '"');
        text.replace("$points", QString::number(m_points));
        text.replace("$birthday", QString::number(m_birthday));
        text.replace("$member", QString::number(m_member));
        text.replace("$vip", QString::number(m_vip));
        text.replace("$newsletter", QString::number(m_newsletter));
        return text.toUtf8();
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Workspace> m_ws;
    SegmentSchema m_schema;
    qint64 m_points = 0;
    qint64 m_birthday = 0;
    qint64 m_member = 0;
    qint64 m_vip = 0;
    qint64 m_newsletter = 0;

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        auto ws = Workspace::create(m_dir->filePath("t.mailroom"));
        QVERIFY(ws.ok());
        m_ws = std::move(ws).value();
        CustomFieldRepository fields(m_ws->database());
        m_points = fields.create("Points", FieldType::Number).value();
        m_birthday = fields.create("Birthday", FieldType::Date).value();
        m_member = fields.create("Member", FieldType::YesNo).value();
        m_vip = GroupRepository(m_ws->database(), GroupKind::Tag).create("vip").value();
        m_newsletter = GroupRepository(m_ws->database(), GroupKind::List).create("Newsletter").value();
        auto schema = SegmentSchema::load(m_ws->database());
        QVERIFY(schema.ok());
        m_schema = schema.value();
    }
    void cleanup() { m_ws.reset(); }

    void roundTripKeepsEveryKindOfCondition()
    {
        Segment s;
        s.match = SegmentMatch::Any;
        s.conditions = {
            SegmentCondition::onColumn(ContactColumn::City, SegmentOperator::Is, QStringLiteral("Köln")),
            SegmentCondition::onColumn(ContactColumn::Notes, SegmentOperator::DoesNotContain, "50%_off \"quoted\""),
            SegmentCondition::onColumn(ContactColumn::Company, SegmentOperator::IsEmpty),
            SegmentCondition::onCustomField(m_points, SegmentOperator::GreaterOrEqual, "010.50"),
            SegmentCondition::onCustomField(m_birthday, SegmentOperator::Before, "2000-01-01"),
            SegmentCondition::daysAgo(ContactColumn::Email, SegmentOperator::WithinLastDays, 30, m_birthday),
            SegmentCondition::onCustomField(m_member, SegmentOperator::IsNo),
            SegmentCondition::onColumn(ContactColumn::CreatedAt, SegmentOperator::On, "2024-03-31"),
            SegmentCondition::daysAgo(ContactColumn::UpdatedAt, SegmentOperator::MoreThanDaysAgo, 365),
            SegmentCondition::onColumn(ContactColumn::ConsentDate, SegmentOperator::IsNotEmpty),
            SegmentCondition::onTag(SegmentOperator::HasNot, m_vip),
            SegmentCondition::onList(SegmentOperator::Has, m_newsletter),
            SegmentCondition::onStatus(SegmentOperator::IsNot, ContactStatus::Bounced),
        };
        QVERIFY(s.validate(m_schema).ok());
        const QByteArray text = s.rulesJson();
        auto back = Segment::fromRulesJson(text, m_schema);
        QVERIFY2(back.ok(), back.ok() ? "" : qPrintable(back.error().message));
        QVERIFY(back->sameRules(s));
        QCOMPARE(back->rulesJson(), text);
        // The number keeps the text given; the consent date is written under its column name.
        QVERIFY2(text.contains("\"value\":\"010.50\""), text.constData());
        QVERIFY2(text.contains("\"field\":\"consent_at\""), text.constData());
        QVERIFY2(text.contains("\"match\":\"any\""), text.constData());
    }

    void readsWhatAPersonWouldWrite()
    {
        // Numbers as JSON numbers, ids as digit strings, "consent_date" and "tags" as aliases.
        auto s = Segment::fromRulesJson(json("{'match':'all','conditions':["
                                             "{'field':'custom','field_id':$points,'op':'>','value':10},"
                                             "{'field':'tags','op':'has','value':'$vip'},"
                                             "{'field':'consent_date','op':'is_empty'},"
                                             "{'field':'created_at','op':'within_last_days','value':7}]}"),
                                        m_schema);
        QVERIFY2(s.ok(), s.ok() ? "" : qPrintable(s.error().message));
        QCOMPARE(s->conditions.size(), 4);
        QCOMPARE(s->conditions[0].value, QString("10"));
        QCOMPARE(s->conditions[1].kind, SegmentFieldKind::Tag);
        QCOMPARE(s->conditions[1].groupId, m_vip);
        QCOMPARE(s->conditions[2].column, ContactColumn::ConsentDate);
        QCOMPARE(s->conditions[3].days, 7);
        // No conditions at all: a segment that narrows nothing.
        auto empty = Segment::fromRulesJson("{}", m_schema);
        QVERIFY(empty.ok());
        QVERIFY(empty->conditions.isEmpty());
    }

    void operatorsOfEachTypeAreTheOnesOffered()
    {
        for (SegmentOperator op : segmentOperatorsFor(SegmentValueType::Number)) {
            QCOMPARE(segmentOperatorFromName(segmentOperatorName(op)), std::optional<SegmentOperator>(op));
        }
        QVERIFY(!segmentOperatorsFor(SegmentValueType::Text).contains(SegmentOperator::Greater));
        QVERIFY(!segmentOperatorsFor(SegmentValueType::Date).contains(SegmentOperator::Contains));
        QVERIFY(segmentOperatorsFor(SegmentValueType::Status).contains(SegmentOperator::IsNot));
        QCOMPARE(segmentOperatorLabel(SegmentOperator::DoesNotContain), QString("does not contain"));
    }

    void refusesWhatIsWrongNamingIt_data()
    {
        QTest::addColumn<QString>("rules");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("message");
        const int invalid = int(ErrorCode::InvalidInput);
        QTest::newRow("not JSON") << "{'match': " << invalid << "not valid JSON";
        QTest::newRow("not an object") << "[]" << invalid << "must be a JSON object";
        QTest::newRow("unknown top key") << "{'mtch':'all'}" << invalid << "unknown key \"mtch\"";
        QTest::newRow("bad match") << "{'match':'some'}" << invalid
                                   << "\"match\" must be \"all\" or \"any\", not \"some\"";
        QTest::newRow("conditions not a list") << "{'conditions':{}}" << invalid << "must be a list";
        QTest::newRow("condition not an object")
            << "{'conditions':[5]}" << invalid << "Condition 1 is not a JSON object";
        QTest::newRow("no field") << "{'conditions':[{'op':'is','value':'x'}]}" << invalid
                                  << "Condition 1 names no field";
        QTest::newRow("unknown field") << "{'conditions':[{'field':'shoe_size','op':'is','value':'x'}]}" << invalid
                                       << "Condition 1: there is no field \"shoe_size\"";
        QTest::newRow("unknown condition key")
            << "{'conditions':[{'field':'city','op':'is','vaule':'x'}]}" << invalid << "unknown key \"vaule\"";
        QTest::newRow("custom without id") << "{'conditions':[{'field':'custom','op':'=','value':1}]}" << invalid
                                           << "needs the field's id as \"field_id\"";
        QTest::newRow("deleted custom field")
            << "{'conditions':[{'field':'custom','field_id':999,'op':'=','value':1}]}" << int(ErrorCode::UnknownField)
            << "Condition 1: there is no custom field with id 999";
        QTest::newRow("no operator") << "{'conditions':[{'field':'city','value':'x'}]}" << invalid
                                     << "Condition 1 (City): the condition has no operator";
        QTest::newRow("unknown operator") << "{'conditions':[{'field':'city','op':'like','value':'x'}]}" << invalid
                                          << "Condition 1 (City): \"like\" is not an operator";
        QTest::newRow("number operator on text") << "{'conditions':[{'field':'city','op':'>','value':'x'}]}" << invalid
                                                 << "Condition 1 (City): \">\" does not apply to a text field";
        QTest::newRow("text operator on a number field")
            << "{'conditions':[{'field':'custom','field_id':$points,'op':'contains','value':'1'}]}" << invalid
            << "Condition 1 (Points): \"contains\" does not apply to a number field";
        QTest::newRow("text operator on a date")
            << "{'conditions':[{'field':'created_at','op':'starts_with','value':'2024'}]}" << invalid
            << "\"starts with\" does not apply to a date field";
        QTest::newRow("number operator on yes/no")
            << "{'conditions':[{'field':'custom','field_id':$member,'op':'=','value':'yes'}]}" << invalid
            << "Condition 1 (Member): \"=\" does not apply to a yes/no field";
        QTest::newRow("status operator on a tag") << "{'conditions':[{'field':'tag','op':'is','value':$vip}]}"
                                                  << invalid << "\"is\" does not apply to a tag or list field";
        QTest::newRow("missing value") << "{'conditions':[{'field':'city','op':'is'}]}" << invalid
                                       << "Condition 1 (City): \"is\" needs a value";
        QTest::newRow("blank value") << "{'conditions':[{'field':'city','op':'contains','value':'  '}]}" << invalid
                                     << "\"contains\" needs a value";
        QTest::newRow("value of the wrong JSON type")
            << "{'conditions':[{'field':'city','op':'is','value':{}}]}" << invalid << "must be text or a number";
        QTest::newRow("not a number") << "{'conditions':[{'field':'custom','field_id':$points,'op':'>','value':'ten'}]}"
                                      << invalid << "Condition 1 (Points): \"ten\" is not a number";
        QTest::newRow("bad date")
            << "{'conditions':[{'field':'custom','field_id':$birthday,'op':'before','value':'2024-02-30'}]}" << invalid
            << "Condition 1 (Birthday): \"2024-02-30\" is not a date; write it as YYYY-MM-DD";
        QTest::newRow("date in another format")
            << "{'conditions':[{'field':'created_at','op':'on','value':'31/03/2024'}]}" << invalid
            << "\"31/03/2024\" is not a date";
        QTest::newRow("negative days") << "{'conditions':[{'field':'created_at','op':'within_last_days','value':-3}]}"
                                       << invalid << "the number of days must be a whole number";
        QTest::newRow("fractional days")
            << "{'conditions':[{'field':'updated_at','op':'more_than_days_ago','value':1.5}]}" << invalid
            << "the number of days must be a whole number";
        QTest::newRow("unknown status") << "{'conditions':[{'field':'status','op':'is','value':'gone'}]}" << invalid
                                        << "Condition 1 (Status): \"gone\" is not a status";
        QTest::newRow("tag by name") << "{'conditions':[{'field':'tag','op':'has','value':'vip'}]}" << invalid
                                     << "the value must be the id of a tag or list, not \"vip\"";
        QTest::newRow("deleted tag") << "{'conditions':[{'field':'tag','op':'has','value':999}]}"
                                     << int(ErrorCode::NotFound) << "Condition 1: there is no tag with id 999";
        QTest::newRow("deleted list") << "{'conditions':[{'field':'list','op':'has_not','value':999}]}"
                                      << int(ErrorCode::NotFound) << "Condition 1: there is no list with id 999";
        QTest::newRow("the second condition")
            << "{'match':'any','conditions':[{'field':'city','op':'is','value':'Berlin'},"
               "{'field':'country','op':'is_yes'}]}"
            << invalid << "Condition 2 (Country): \"is yes\" does not apply to a text field";
    }
    void refusesWhatIsWrongNamingIt()
    {
        QFETCH(QString, rules);
        QFETCH(int, code);
        QFETCH(QString, message);
        auto s = Segment::fromRulesJson(json(rules), m_schema);
        QVERIFY(!s.ok());
        QVERIFY2(s.error().message.contains(message), qPrintable(s.error().message));
        QCOMPARE(int(s.error().code), code);
    }

    // A condition built in code is held to the same rules as one read from JSON.
    void validateChecksConditionsBuiltInCode()
    {
        Segment s;
        s.conditions = {SegmentCondition::onColumn(ContactColumn::City, SegmentOperator::Is, "Berlin"),
                        SegmentCondition::onCustomField(m_points, SegmentOperator::Less, "")};
        auto valid = s.validate(m_schema);
        QVERIFY(!valid.ok());
        QVERIFY2(valid.error().message.contains("Condition 2 (Points): \"<\" needs a value"),
                 qPrintable(valid.error().message));
        s.conditions = {SegmentCondition::onColumn(ContactColumn::Tags, SegmentOperator::Is, "vip")};
        QCOMPARE(s.validate(m_schema).error().code, ErrorCode::UnknownField);
    }
};

QTEST_GUILESS_MAIN(TestSegment)
#include "test_segment.moc"
