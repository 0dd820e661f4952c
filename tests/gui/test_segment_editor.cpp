// Tools > Segments…: a person builds a segment from rows of conditions (the operators and the
// value editor follow the field's type), sees the engine's message while a value is missing,
// watches the live count (and who is left out) follow the rules, saves, and finds the segment
// stored with the same rules and the same count AudienceQuery gives. Delete asks first.

#include "GuiTestWorkspace.h"

#include "core/campaigns/AudienceQuery.h"
#include "core/campaigns/SegmentRepository.h"
#include "core/campaigns/SuppressionList.h"
#include "ui/AppSettings.h"
#include "ui/Dialogs.h"
#include "ui/MainWindow.h"
#include "ui/SegmentConditionRow.h"
#include "ui/SegmentEditor.h"
#include "ui/SegmentListDialog.h"
#include "ui/Translations.h"

#include <QAction>
#include <QComboBox>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTest>
#include <QToolButton>

#include <memory>

namespace {

constexpr int timeoutMs = 20000;

QStringList itemsOf(const QComboBox* combo)
{
    QStringList items;
    for (int i = 0; i < combo->count(); ++i) {
        items.append(combo->itemText(i));
    }
    return items;
}

QStringList labelsOf(const QVector<SegmentOperator>& ops)
{
    QStringList labels;
    for (SegmentOperator op : ops) {
        labels.append(segmentOperatorLabel(op));
    }
    return labels;
}

} // namespace

class TestSegmentEditor : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void operatorsAndValueEditorsFollowTheField();
    void buildsCountsAndSavesASegment();
    void editsAndDeletesASavedSegment();

private:
    SegmentListDialog* openList();
    SegmentEditor* openNewEditor(SegmentListDialog* list);
    bool waitForCount(SegmentEditor* editor);
    AudienceCount engineCount(const Segment& segment) const;
    template <typename T>
    T* child(QObject* parent, const char* name) const
    {
        return parent->findChild<T*>(QString::fromLatin1(name));
    }

    std::unique_ptr<GuiTestWorkspace> m_workspace;
    std::unique_ptr<AppSettings> m_settings;
    std::unique_ptr<MainWindow> m_window;
};

void TestSegmentEditor::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    Dialogs::setWarningsSilent(true);
    Translations::install(QLocale(QLocale::English, QLocale::UnitedStates));
}

void TestSegmentEditor::init()
{
    m_workspace = std::make_unique<GuiTestWorkspace>();
    {
        // Dave (a customer at Blue Door Bakery) unsubscribed; Bob's address is suppressed.
        Result<Connection> connection = Connection::open(m_workspace->path());
        QVERIFY(connection);
        ContactRepository contacts(connection->database());
        Result<Contact> dave = contacts.findByEmail(QStringLiteral("dave@example.com"));
        QVERIFY(dave);
        QVERIFY(contacts.setStatus({dave->id}, ContactStatus::Unsubscribed));
        QVERIFY(SuppressionList(connection->database()).add(QStringLiteral("bob@example.com")));
    }
    m_settings = AppSettings::createTemporary();
    m_window = std::make_unique<MainWindow>(m_settings.get());
    m_window->show();
    m_window->openInitialWorkspace(m_workspace->path());
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->isBusy(), timeoutMs);
}

void TestSegmentEditor::cleanup()
{
    m_window.reset();
    m_settings.reset();
    m_workspace.reset();
    Dialogs::clearPendingAnswers();
}

SegmentListDialog* TestSegmentEditor::openList()
{
    auto* action = m_window->findChild<QAction*>(QStringLiteral("segmentsAction"));
    if (!action || !action->isEnabled()) {
        return nullptr;
    }
    action->trigger();
    return m_window->findChild<SegmentListDialog*>();
}

SegmentEditor* TestSegmentEditor::openNewEditor(SegmentListDialog* list)
{
    child<QPushButton>(list, "newButton")->click();
    return list->editor();
}

bool TestSegmentEditor::waitForCount(SegmentEditor* editor)
{
    return QTest::qWaitFor([editor] { return !editor->isCounting(); }, timeoutMs);
}

AudienceCount TestSegmentEditor::engineCount(const Segment& segment) const
{
    Result<Connection> connection = Connection::open(m_workspace->path());
    if (!connection) {
        return {};
    }
    AudienceSpec spec;
    spec.segment = segment;
    return AudienceQuery(connection->database(), spec).count().value();
}

void TestSegmentEditor::operatorsAndValueEditorsFollowTheField()
{
    SegmentListDialog* list = openList();
    QVERIFY(list);
    SegmentEditor* editor = openNewEditor(list);
    QVERIFY(editor);
    child<QPushButton>(editor, "addConditionButton")->click();
    QCOMPARE(editor->conditionRows().size(), 1);
    SegmentConditionRow* row = editor->conditionRows().constFirst();

    // Custom fields, tag, list and status are offered beside the built-in fields.
    const QStringList fields = itemsOf(row->fieldComboBox());
    for (const char* expected : {"Email", "City", "Loyalty points", "Tag", "List", "Status", "Created"}) {
        QVERIFY2(fields.contains(QString::fromLatin1(expected)), expected);
    }

    QVERIFY(row->chooseField(QStringLiteral("City")));
    QCOMPARE(itemsOf(row->operatorComboBox()), labelsOf(segmentOperatorsFor(SegmentValueType::Text)));
    QCOMPARE(row->valueEditor()->objectName(), QStringLiteral("textValueLineEdit"));
    QVERIFY(row->chooseOperator(SegmentOperator::IsEmpty));
    QVERIFY(row->valueEditor() == nullptr);

    QVERIFY(row->chooseField(QStringLiteral("Loyalty points")));
    QCOMPARE(itemsOf(row->operatorComboBox()), labelsOf(segmentOperatorsFor(SegmentValueType::Number)));
    QVERIFY(row->chooseOperator(SegmentOperator::GreaterOrEqual));
    QCOMPARE(row->valueEditor()->objectName(), QStringLiteral("numberValueLineEdit"));

    QVERIFY(row->chooseField(QStringLiteral("Created")));
    QCOMPARE(itemsOf(row->operatorComboBox()), labelsOf(segmentOperatorsFor(SegmentValueType::Date)));
    QVERIFY(row->chooseOperator(SegmentOperator::Before));
    QVERIFY(qobject_cast<QDateEdit*>(row->valueEditor()));
    QVERIFY(row->chooseOperator(SegmentOperator::WithinLastDays));
    QVERIFY(qobject_cast<QSpinBox*>(row->valueEditor()));
    qobject_cast<QSpinBox*>(row->valueEditor())->setValue(7);
    QCOMPARE(row->condition().days, 7);

    QVERIFY(row->chooseField(QStringLiteral("Tag")));
    QCOMPARE(itemsOf(row->operatorComboBox()), labelsOf(segmentOperatorsFor(SegmentValueType::Group)));
    auto* tags = qobject_cast<QComboBox*>(row->valueEditor());
    QVERIFY(tags);
    QCOMPARE(itemsOf(tags), QStringList{QStringLiteral("customer")});

    QVERIFY(row->chooseField(QStringLiteral("Status")));
    QCOMPARE(itemsOf(row->operatorComboBox()), labelsOf(segmentOperatorsFor(SegmentValueType::Status)));
    QCOMPARE(row->valueEditor()->objectName(), QStringLiteral("statusValueComboBox"));

    // Remove takes the row away.
    row->removeButton()->click();
    QTRY_COMPARE(editor->conditionRows().size(), 0);
    editor->reject();
}

void TestSegmentEditor::buildsCountsAndSavesASegment()
{
    SegmentListDialog* list = openList();
    QVERIFY(list);
    QVERIFY(child<QLabel>(list, "emptyLabel")->isVisibleTo(list));
    SegmentEditor* editor = openNewEditor(list);
    QVERIFY(editor);
    auto* countLabel = child<QLabel>(editor, "countLabel");
    auto* leftOutLabel = child<QLabel>(editor, "leftOutLabel");
    auto* errorLabel = child<QLabel>(editor, "errorLabel");

    // No conditions yet: every contact, Dave and Bob left out.
    QVERIFY(waitForCount(editor));
    QCOMPARE(countLabel->text(), QStringLiteral("10 contacts match; 8 would receive a campaign."));
    QCOMPARE(leftOutLabel->text(),
             QStringLiteral("Left out whatever the rules say: 1 unsubscribed, 0 bounced, 0 complained, 1 suppressed."));

    QTest::keyClicks(child<QLineEdit>(editor, "nameLineEdit"), QStringLiteral("Bakery customers"));
    child<QPushButton>(editor, "addConditionButton")->click();
    SegmentConditionRow* company = editor->conditionRows().at(0);
    QVERIFY(company->chooseField(QStringLiteral("Company")));
    QVERIFY(company->chooseOperator(SegmentOperator::Is));

    // The value is missing: the engine's message names the condition, and there is no count.
    QVERIFY(waitForCount(editor));
    QVERIFY2(errorLabel->text().startsWith(QLatin1String("Condition 1 (Company)")), qPrintable(errorLabel->text()));
    QVERIFY(!editor->lastCount() || countLabel->text().contains(QLatin1String("Complete")));

    QTest::keyClicks(qobject_cast<QLineEdit*>(company->valueEditor()), QStringLiteral("Blue Door Bakery"));
    QVERIFY(waitForCount(editor));
    QVERIFY(errorLabel->text().isEmpty());
    // Bob, Dave, Frank, Heidi and Judy work there; Dave unsubscribed and Bob is suppressed.
    QCOMPARE(countLabel->text(), QStringLiteral("5 contacts match; 3 would receive a campaign."));

    child<QPushButton>(editor, "addConditionButton")->click();
    SegmentConditionRow* tag = editor->conditionRows().at(1);
    QVERIFY(tag->chooseField(QStringLiteral("Tag")));
    QVERIFY(tag->chooseOperator(SegmentOperator::Has));
    QVERIFY(waitForCount(editor));
    // All: customers (Alice to Dave) at Blue Door: Bob and Dave, neither of whom gets mail.
    QCOMPARE(countLabel->text(), QStringLiteral("2 contacts match; 0 would receive a campaign."));
    QCOMPARE(editor->lastCount().value(), engineCount(editor->segment()));

    // Any: the five at Blue Door and the customers Alice and Carol.
    child<QComboBox>(editor, "matchComboBox")->setCurrentIndex(1);
    QVERIFY(waitForCount(editor));
    QCOMPARE(countLabel->text(), QStringLiteral("7 contacts match; 5 would receive a campaign."));
    const Segment built = editor->segment();
    QCOMPARE(editor->lastCount().value(), engineCount(built));

    child<QDialogButtonBox>(editor, "buttonBox")->button(QDialogButtonBox::Save)->click();
    QTRY_VERIFY_WITH_TIMEOUT(list->editor() == nullptr, timeoutMs);

    Result<Connection> connection = Connection::open(m_workspace->path());
    QVERIFY(connection);
    Result<Segment> saved = SegmentRepository(connection->database()).findByName(QStringLiteral("Bakery customers"));
    QVERIFY(saved);
    QVERIFY(saved->sameRules(built));
    QCOMPARE(saved->match, SegmentMatch::Any);
    QCOMPARE(engineCount(saved.value()).recipients, 5);

    // The list shows it, selected.
    auto* names = child<QListWidget>(list, "segmentsListWidget");
    QCOMPARE(names->count(), 1);
    QCOMPARE(names->currentItem()->text(), QStringLiteral("Bakery customers"));
    QVERIFY(!child<QLabel>(list, "emptyLabel")->isVisibleTo(list));

    // A second segment of the same name is refused with the engine's message.
    SegmentEditor* second = openNewEditor(list);
    QVERIFY(second);
    QTest::keyClicks(child<QLineEdit>(second, "nameLineEdit"), QStringLiteral("bakery CUSTOMERS"));
    child<QDialogButtonBox>(second, "buttonBox")->button(QDialogButtonBox::Save)->click();
    QVERIFY(second->isVisible());
    QVERIFY(!child<QLabel>(second, "errorLabel")->text().isEmpty());
    second->reject();
}

void TestSegmentEditor::editsAndDeletesASavedSegment()
{
    qint64 id = 0;
    {
        Result<Connection> connection = Connection::open(m_workspace->path());
        QVERIFY(connection);
        Segment segment;
        segment.name = QStringLiteral("Points");
        segment.conditions = {
            SegmentCondition::onCustomField(1, SegmentOperator::GreaterOrEqual, QStringLiteral("100"))};
        Result<qint64> created = SegmentRepository(connection->database()).create(segment);
        QVERIFY2(created, created ? "" : qPrintable(created.error().message));
        id = created.value();
    }
    SegmentListDialog* list = openList();
    QVERIFY(list);
    auto* names = child<QListWidget>(list, "segmentsListWidget");
    QCOMPARE(names->count(), 1);
    child<QPushButton>(list, "editButton")->click();
    SegmentEditor* editor = list->editor();
    QVERIFY(editor);
    // The stored rules come back into the rows.
    QCOMPARE(editor->conditionRows().size(), 1);
    SegmentConditionRow* row = editor->conditionRows().constFirst();
    QCOMPARE(row->fieldComboBox()->currentText(), QStringLiteral("Loyalty points"));
    QCOMPARE(row->operatorComboBox()->currentText(), segmentOperatorLabel(SegmentOperator::GreaterOrEqual));
    auto* value = qobject_cast<QLineEdit*>(row->valueEditor());
    QVERIFY(value);
    QCOMPARE(value->text(), QStringLiteral("100"));
    QVERIFY(waitForCount(editor));
    // Carol has 120 points.
    QCOMPARE(child<QLabel>(editor, "countLabel")->text(),
             QStringLiteral("1 contact matches; 1 would receive a campaign."));

    value->setText(QStringLiteral("200"));
    QVERIFY(waitForCount(editor));
    QCOMPARE(editor->lastCount()->matched(), 0);
    child<QDialogButtonBox>(editor, "buttonBox")->button(QDialogButtonBox::Save)->click();
    QTRY_VERIFY_WITH_TIMEOUT(list->editor() == nullptr, timeoutMs);
    {
        Result<Connection> connection = Connection::open(m_workspace->path());
        QVERIFY(connection);
        QCOMPARE(SegmentRepository(connection->database()).find(id)->conditions.constFirst().value,
                 QStringLiteral("200"));
    }

    Dialogs::setNextButton(QMessageBox::No);
    child<QPushButton>(list, "deleteButton")->click();
    QCOMPARE(names->count(), 1);
    Dialogs::setNextButton(QMessageBox::Yes);
    child<QPushButton>(list, "deleteButton")->click();
    QCOMPARE(names->count(), 0);
    Result<Connection> connection = Connection::open(m_workspace->path());
    QVERIFY(connection);
    QVERIFY(SegmentRepository(connection->database()).all()->isEmpty());
}

QTEST_MAIN(TestSegmentEditor)
#include "test_segment_editor.moc"
