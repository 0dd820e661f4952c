// The campaign editor as a person uses it: a campaign made from a starter template, a subject
// with a merge tag previewed as each recipient in turn, an unknown tag caught at its line, the
// recipient count with who is left out and why, sending to a folder (refused while an error
// remains), and the question about unsaved changes on close.

#include "GuiTestWorkspace.h"

#include "core/campaigns/CampaignRepository.h"
#include "core/campaigns/SenderSettings.h"
#include "core/campaigns/SuppressionList.h"
#include "core/contacts/GroupRepository.h"
#include "ui/AppSettings.h"
#include "ui/CampaignEditor.h"
#include "ui/CampaignNewDialog.h"
#include "ui/CampaignWindows.h"
#include "ui/Dialogs.h"
#include "ui/MainWindow.h"
#include "ui/MessagePreview.h"
#include "ui/Translations.h"

#include <QAction>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStandardPaths>
#include <QTest>
#include <QTextBlock>
#include <QTextBrowser>
#include <QTreeWidget>

#include <memory>

namespace {

constexpr int timeoutMs = 20000;
const char* const passphrase = "correct horse battery staple";

// The HTML of the tests' campaign: a greeting with a merge tag on line 3.
QString greetingHtml(const QString& greeting)
{
    return QStringLiteral("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"></head><body>\n<p>%1</p>\n"
                          "<p>Our spring range is in. <a href=\"https://example.com/spring\">See it</a>.</p>\n"
                          "</body></html>\n")
        .arg(greeting);
}

} // namespace

class TestCampaignEditor : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void createsACampaignFromAStarterTemplate();
    void previewsTheSubjectAsEachRecipient();
    void picksAContactByEmail();
    void showsAnUnknownTagAtItsLine();
    void goesToTheSourceLineOfABrokenLink();
    void countsWhoIsLeftOutAndWhy();
    void stepsPastTheFirstPageOfRecipients();
    void addsAndRemovesAttachments();
    void sendsToAFolderOnlyWithoutErrors();
    void asksAboutUnsavedChangesOnClose();
    void showsWhyThePreviewIsEmptyWhenTheVaultStaysLocked();

private:
    qint64 createCampaign(const QString& subject, const QString& html);
    CampaignEditor* openUnlocked(qint64 id);
    void waitForPreview(CampaignEditor* editor);
    template <typename T>
    T* child(QObject* parent, const char* name) const
    {
        return parent->findChild<T*>(QString::fromLatin1(name));
    }
    Result<Campaign> stored(qint64 id) const
    {
        auto connection = Connection::open(m_workspace->path());
        if (!connection) {
            return connection.error();
        }
        return CampaignRepository(connection->database()).findById(id);
    }

    std::unique_ptr<GuiTestWorkspace> m_workspace;
    std::unique_ptr<AppSettings> m_settings;
    std::unique_ptr<MainWindow> m_window;
};

void TestCampaignEditor::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    // No keychain: the vault asks for its passphrase, answered through the Dialogs seam.
    qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent");
    Dialogs::setWarningsSilent(true);
    Translations::install(QLocale(QLocale::English, QLocale::UnitedStates));
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
}

void TestCampaignEditor::init()
{
    m_workspace = std::make_unique<GuiTestWorkspace>();
    {
        auto connection = Connection::open(m_workspace->path());
        QVERIFY(connection.ok());
        SenderSettings sender;
        sender.postalAddress = QStringLiteral("Sunrise Ceramics, 1 Harbour Street, Portsmouth");
        QVERIFY(sender.save(connection->database()).ok());
    }
    m_settings = AppSettings::createTemporary();
    m_window = std::make_unique<MainWindow>(m_settings.get());
    m_window->show();
    m_window->openInitialWorkspace(m_workspace->path());
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->isBusy(), timeoutMs);
    Dialogs::clearLastWarning();
}

void TestCampaignEditor::cleanup()
{
    // Whatever a test left unsaved is not asked about.
    for (CampaignEditor* editor : m_window->campaignWindows()->editors()) {
        Dialogs::setNextButton(QMessageBox::Discard);
        editor->close();
    }
    m_window.reset();
    m_settings.reset();
    m_workspace.reset();
    Dialogs::clearPendingAnswers();
}

qint64 TestCampaignEditor::createCampaign(const QString& subject, const QString& html)
{
    auto connection = Connection::open(m_workspace->path());
    if (!connection) {
        return 0;
    }
    Campaign campaign;
    campaign.name = QStringLiteral("Spring");
    campaign.subject = subject;
    campaign.fromName = QStringLiteral("Sunrise Ceramics");
    campaign.fromAddress = QStringLiteral("news@sunrise.example");
    campaign.htmlBody = html;
    campaign.footerHtml =
        QStringLiteral("<p>{{ postal_address }}</p>\n<p><a href=\"{{ unsubscribe_url }}\">Unsubscribe</a></p>");
    Result<qint64> id = CampaignRepository(connection->database()).create(campaign);
    return id ? id.value() : 0;
}

CampaignEditor* TestCampaignEditor::openUnlocked(qint64 id)
{
    // The vault is made on first use: the passphrase and its confirmation.
    Dialogs::setNextText(QString::fromLatin1(passphrase));
    Dialogs::setNextText(QString::fromLatin1(passphrase));
    CampaignEditor* editor = m_window->campaignWindows()->openEditor(id);
    if (editor) {
        waitForPreview(editor);
    }
    return editor;
}

void TestCampaignEditor::waitForPreview(CampaignEditor* editor)
{
    QTRY_VERIFY_WITH_TIMEOUT(!Dialogs::hasPendingAnswers(), timeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(!editor->isCounting(), timeoutMs);
    editor->refreshNow();
}

void TestCampaignEditor::createsACampaignFromAStarterTemplate()
{
    QAction* action = m_window->findChild<QAction*>(QStringLiteral("newCampaignAction"));
    QVERIFY(action);
    QVERIFY(action->isEnabled());
    action->trigger();
    CampaignNewDialog* dialog = m_window->campaignWindows()->newCampaignDialog();
    QVERIFY(dialog);
    auto* templates = child<QListWidget>(dialog, "templateListWidget");
    QCOMPARE(templates->count(), 4); // newsletter, announcement, letter, blank
    QVERIFY(templates->item(3)->text().contains(QStringLiteral("Blank")));
    templates->setCurrentRow(0);
    QTest::keyClicks(child<QLineEdit>(dialog, "nameLineEdit"), QStringLiteral("Spring newsletter"));

    Dialogs::setNextText(QString::fromLatin1(passphrase));
    Dialogs::setNextText(QString::fromLatin1(passphrase));
    child<QDialogButtonBox>(dialog, "buttonBox")->button(QDialogButtonBox::Ok)->click();

    QTRY_COMPARE_WITH_TIMEOUT(m_window->campaignWindows()->editors().size(), 1, timeoutMs);
    CampaignEditor* editor = m_window->campaignWindows()->editors().first();
    const Result<Campaign> saved = stored(editor->campaignId());
    QVERIFY2(saved.ok(), saved.ok() ? "" : qPrintable(saved.error().message));
    QCOMPARE(saved->name, QStringLiteral("Spring newsletter"));
    QVERIFY(saved->htmlBody.contains(QStringLiteral("<body")));
    QVERIFY(saved->footerHtml.contains(QStringLiteral("{{ unsubscribe_url }}")));
    QCOMPARE(child<QLineEdit>(editor, "nameLineEdit")->text(), QStringLiteral("Spring newsletter"));
    QCOMPARE(child<QPlainTextEdit>(editor, "htmlEdit")->toPlainText(), saved->htmlBody);
    QVERIFY(!editor->isModified());

    // Typed into the editor and saved with Ctrl+S, it is on record.
    waitForPreview(editor);
    QLineEdit* subject = child<QLineEdit>(editor, "subjectLineEdit");
    subject->setFocus();
    QTest::keyClicks(subject, QStringLiteral("What is new this spring"));
    QVERIFY(editor->isModified());
    QVERIFY(editor->windowTitle().contains(QStringLiteral("Spring newsletter")));
    child<QAction>(editor, "saveAction")->trigger();
    QVERIFY(!editor->isModified());
    QCOMPARE(stored(editor->campaignId())->subject, QStringLiteral("What is new this spring"));
}

void TestCampaignEditor::previewsTheSubjectAsEachRecipient()
{
    const qint64 id = createCampaign(QStringLiteral("Hello"), greetingHtml(QStringLiteral("Dear {{ first_name }},")));
    QVERIFY(id > 0);
    CampaignEditor* editor = openUnlocked(id);
    QVERIFY(editor);
    auto* subjectLabel = child<QLabel>(editor, "previewSubjectLabel");
    auto* toLabel = child<QLabel>(editor, "previewToLabel");
    auto* browser = child<QTextBrowser>(editor, "previewBrowser");
    // Everyone (no list or tag ticked), in the order they were added: Alice first.
    QCOMPARE(subjectLabel->text(), QStringLiteral("Hello"));
    QCOMPARE(toLabel->text(), QStringLiteral("Alice Adams <alice@example.com>"));
    QVERIFY(browser->toPlainText().contains(QStringLiteral("Dear Alice,")));

    QLineEdit* subject = child<QLineEdit>(editor, "subjectLineEdit");
    subject->setFocus();
    QTest::keyClicks(subject, QStringLiteral(", {{ first_name | upper }}!"));
    QTRY_COMPARE_WITH_TIMEOUT(subjectLabel->text(), QStringLiteral("Hello, ALICE!"), timeoutMs);

    auto* next = child<QPushButton>(editor, "nextRecipientButton");
    QVERIFY(next->isEnabled());
    QVERIFY(!child<QPushButton>(editor, "previousRecipientButton")->isEnabled());
    next->click();
    QCOMPARE(subjectLabel->text(), QStringLiteral("Hello, BOB!"));
    QCOMPARE(toLabel->text(), QStringLiteral("Bob Brown <bob@example.com>"));
    QVERIFY(browser->toPlainText().contains(QStringLiteral("Dear Bob,")));
    QCOMPARE(child<QLabel>(editor, "recipientPositionLabel")->text(), QStringLiteral("2 of 10"));

    // The text part is what a text-only reader gets.
    child<QAction>(editor, "showTextPartAction")->trigger();
    QVERIFY(browser->toPlainText().contains(QStringLiteral("Dear Bob,")));
    QVERIFY(browser->toPlainText().contains(QStringLiteral("https://example.com/spring")));

    child<QAction>(editor, "previousRecipientAction")->trigger();
    QCOMPARE(subjectLabel->text(), QStringLiteral("Hello, ALICE!"));
}

void TestCampaignEditor::picksAContactByEmail()
{
    const qint64 id = createCampaign(QStringLiteral("For {{ first_name }}"), greetingHtml(QStringLiteral("Hi")));
    CampaignEditor* editor = openUnlocked(id);
    QVERIFY(editor);
    auto* combo = child<QComboBox>(editor, "recipientComboBox");
    combo->setFocus();
    combo->lineEdit()->selectAll();
    QTest::keyClicks(combo->lineEdit(), QStringLiteral("judy@example.com"));
    QTest::keyClick(combo->lineEdit(), Qt::Key_Return);
    QCOMPARE(child<QLabel>(editor, "previewSubjectLabel")->text(), QStringLiteral("For Judy"));
    QCOMPARE(child<QLabel>(editor, "recipientPositionLabel")->text(), QStringLiteral("10 of 10"));
}

void TestCampaignEditor::showsAnUnknownTagAtItsLine()
{
    const qint64 id = createCampaign(QStringLiteral("Hello"), greetingHtml(QStringLiteral("Dear {{ first_name }},")));
    CampaignEditor* editor = openUnlocked(id);
    QVERIFY(editor);
    auto* checklist = child<QListWidget>(editor, "checklistListWidget");
    const auto errorItems = [checklist] {
        QList<QListWidgetItem*> found;
        for (int row = 0; row < checklist->count(); ++row) {
            if (checklist->item(row)->text().contains(QStringLiteral("favourite_colour"))) {
                found.append(checklist->item(row));
            }
        }
        return found;
    };
    QVERIFY(errorItems().isEmpty());

    // A tag nobody has, typed on line 3 of the HTML.
    QPlainTextEdit* html = child<QPlainTextEdit>(editor, "htmlEdit");
    QTextCursor cursor(html->document()->findBlockByNumber(2));
    cursor.movePosition(QTextCursor::EndOfBlock);
    html->setTextCursor(cursor);
    html->setFocus();
    QTest::keyClicks(html, QStringLiteral(" {{ favourite_colour }}"));
    QTRY_COMPARE_WITH_TIMEOUT(errorItems().size(), 1, timeoutMs);
    QListWidgetItem* item = errorItems().first();
    QVERIFY2(item->text().contains(QStringLiteral("line 3")), qPrintable(item->text()));
    // Errors come first.
    QCOMPARE(checklist->row(item), 0);
    QVERIFY(!editor->issues().isEmpty());
    QCOMPARE(editor->issues().first().severity, ContentIssue::Severity::Error);
    // The line is marked in the source, and the preview says why it cannot render.
    QVERIFY(!html->extraSelections().isEmpty());
    QCOMPARE(html->extraSelections().first().cursor.blockNumber(), 2);
    QVERIFY(child<QTextBrowser>(editor, "previewBrowser")->toPlainText().contains(QStringLiteral("favourite_colour")));

    // Clicking it goes to the line.
    html->moveCursor(QTextCursor::Start);
    QCOMPARE(html->textCursor().blockNumber(), 0);
    const QRect rect = checklist->visualItemRect(item);
    QTest::mouseClick(checklist->viewport(), Qt::LeftButton, {}, rect.center());
    QCOMPARE(html->textCursor().blockNumber(), 2);
}

void TestCampaignEditor::goesToTheSourceLineOfABrokenLink()
{
    // The checks read the rendered message, where the preheader adds a line after <body>.
    QString html = greetingHtml(QStringLiteral("Hi"));
    html.replace(QStringLiteral("https://example.com/spring"), QString());
    const qint64 id = createCampaign(QStringLiteral("Hello"), html);
    {
        auto connection = Connection::open(m_workspace->path());
        QVERIFY(connection.ok());
        CampaignRepository campaigns(connection->database());
        Campaign campaign = campaigns.findById(id).value();
        campaign.preheader = QStringLiteral("Twelve new glazes");
        QVERIFY(campaigns.update(campaign).ok());
    }
    CampaignEditor* editor = openUnlocked(id);
    QVERIFY(editor);
    auto* checklist = child<QListWidget>(editor, "checklistListWidget");
    QListWidgetItem* broken = nullptr;
    for (int row = 0; row < checklist->count(); ++row) {
        if (checklist->item(row)->text().contains(QStringLiteral("See it"))) {
            broken = checklist->item(row);
        }
    }
    QVERIFY(broken);
    QVERIFY2(broken->text().endsWith(QStringLiteral("(line 4)")), qPrintable(broken->text()));
    QVERIFY(!broken->toolTip().isEmpty());
    QPlainTextEdit* source = child<QPlainTextEdit>(editor, "htmlEdit");
    checklist->scrollToItem(broken);
    QTest::mouseClick(checklist->viewport(), Qt::LeftButton, {}, checklist->visualItemRect(broken).center());
    QCOMPARE(source->textCursor().blockNumber(), 3);
    QVERIFY(source->textCursor().block().text().contains(QStringLiteral("See it")));
}

void TestCampaignEditor::countsWhoIsLeftOutAndWhy()
{
    {
        auto connection = Connection::open(m_workspace->path());
        QVERIFY(connection.ok());
        ContactRepository contacts(connection->database());
        const qint64 bob = contacts.findByEmail(QStringLiteral("bob@example.com"))->id;
        const qint64 dave = contacts.findByEmail(QStringLiteral("dave@example.com"))->id;
        QVERIFY(contacts.setStatus({bob}, ContactStatus::Unsubscribed).ok());
        QVERIFY(contacts.setStatus({dave}, ContactStatus::Bounced).ok());
        QVERIFY(SuppressionList(connection->database()).add(QStringLiteral("alice@example.com")).ok());
    }
    const qint64 id = createCampaign(QStringLiteral("Hello"), greetingHtml(QStringLiteral("Hi")));
    CampaignEditor* editor = openUnlocked(id);
    QVERIFY(editor);
    auto* count = child<QLabel>(editor, "audienceCountLabel");
    QCOMPARE(count->text(),
             QStringLiteral("7 recipients; left out: 1 unsubscribed, 1 bounced, 0 complained, 1 suppressed"));
    // Alice is suppressed: the preview starts with the first contact who gets the message.
    QCOMPARE(child<QLabel>(editor, "previewToLabel")->text(), QStringLiteral("Carol Clark <carol@example.com>"));

    // Ticking the tag "customer" (Alice, Bob, Carol, Dave) recounts.
    auto* tags = child<QListWidget>(editor, "tagsListWidget");
    QListWidgetItem* customer = nullptr;
    for (int row = 0; row < tags->count(); ++row) {
        if (tags->item(row)->text().startsWith(QStringLiteral("customer"))) {
            customer = tags->item(row);
        }
    }
    QVERIFY(customer);
    customer->setCheckState(Qt::Checked);
    QCOMPARE(count->text(), QStringLiteral("Counting recipients…"));
    QTRY_COMPARE_WITH_TIMEOUT(
        count->text(), QStringLiteral("1 recipient; left out: 1 unsubscribed, 1 bounced, 0 complained, 1 suppressed"),
        timeoutMs);
    QVERIFY(editor->isModified());
}

void TestCampaignEditor::stepsPastTheFirstPageOfRecipients()
{
    // The audience is read a page (100) at a time; Next fetches the following page.
    {
        auto connection = Connection::open(m_workspace->path());
        QVERIFY(connection.ok());
        ContactRepository contacts(connection->database());
        for (int i = 0; i < 95; ++i) {
            Contact contact;
            contact.firstName = QStringLiteral("Reader%1").arg(i + 1);
            contact.email = QStringLiteral("reader%1@example.org").arg(i + 1);
            QVERIFY(contacts.add(contact).ok());
        }
    }
    const qint64 id = createCampaign(QStringLiteral("For {{ first_name }}"), greetingHtml(QStringLiteral("Hi")));
    CampaignEditor* editor = openUnlocked(id);
    QVERIFY(editor);
    auto* next = child<QAction>(editor, "nextRecipientAction");
    auto* subject = child<QLabel>(editor, "previewSubjectLabel");
    for (int step = 1; step < 100; ++step) {
        QVERIFY(next->isEnabled());
        next->trigger();
    }
    QCOMPARE(subject->text(), QStringLiteral("For Reader90"));
    next->trigger(); // the 101st: from the next page
    QTRY_COMPARE_WITH_TIMEOUT(subject->text(), QStringLiteral("For Reader91"), timeoutMs);
    QCOMPARE(child<QLabel>(editor, "recipientPositionLabel")->text(), QStringLiteral("101 of 105"));
    for (int step = 0; step < 4; ++step) {
        next->trigger();
    }
    QCOMPARE(subject->text(), QStringLiteral("For Reader95"));
    QVERIFY(!next->isEnabled());
    child<QAction>(editor, "previousRecipientAction")->trigger();
    QCOMPARE(subject->text(), QStringLiteral("For Reader94"));
}

void TestCampaignEditor::addsAndRemovesAttachments()
{
    QTemporaryDir files;
    QVERIFY(files.isValid());
    const QString logo = files.filePath(QStringLiteral("Logo.png"));
    QImage image(8, 8, QImage::Format_RGB32);
    image.fill(Qt::darkCyan);
    QVERIFY(image.save(logo));
    const QString prices = files.filePath(QStringLiteral("prices.txt"));
    {
        QFile file(prices);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray(2048, 'x'));
    }
    const qint64 id =
        createCampaign(QStringLiteral("Hello"),
                       greetingHtml(QStringLiteral("<img src=\"cid:logo@sunrise.example\" alt=\"Sunrise Ceramics\">")));
    CampaignEditor* editor = openUnlocked(id);
    QVERIFY(editor);
    auto* list = child<QTreeWidget>(editor, "attachmentsTreeWidget");
    QCOMPARE(list->topLevelItemCount(), 0);

    Dialogs::setNextFileName(prices);
    child<QPushButton>(editor, "addAttachmentButton")->click();
    Dialogs::setNextFileName(logo);
    Dialogs::setNextText(QStringLiteral("logo@sunrise.example")); // the content id
    child<QPushButton>(editor, "addInlineImageButton")->click();
    QVERIFY(!Dialogs::hasPendingAnswers());
    QVERIFY2(list->topLevelItemCount() == 2, qPrintable(Dialogs::lastWarning()));
    QCOMPARE(list->topLevelItem(0)->text(0), QStringLiteral("prices.txt"));
    QCOMPARE(list->topLevelItem(0)->text(1), QStringLiteral("Attachment"));
    QCOMPARE(list->topLevelItem(0)->text(3), QStringLiteral("2.0 kB"));
    QCOMPARE(list->topLevelItem(1)->text(0), QStringLiteral("Logo.png"));
    QCOMPARE(list->topLevelItem(1)->text(1), QStringLiteral("Inline image"));
    QCOMPARE(list->topLevelItem(1)->text(2), QStringLiteral("cid:logo@sunrise.example"));

    // The preview shows the inline image from the campaign's own file, and nothing from elsewhere.
    auto* preview = child<MessagePreview>(editor, "previewBrowser");
    const QVariant shown =
        preview->loadResource(QTextDocument::ImageResource, QUrl(QStringLiteral("cid:logo@sunrise.example")));
    QCOMPARE(shown.value<QImage>().size(), QSize(8, 8));
    QVERIFY(preview->loadResource(QTextDocument::ImageResource, QUrl::fromLocalFile(logo)).isNull());

    auto connection = Connection::open(m_workspace->path());
    QVERIFY(connection.ok());
    QCOMPARE(CampaignRepository(connection->database()).attachments(id)->size(), 2);

    list->setCurrentItem(list->topLevelItem(0));
    auto* remove = child<QPushButton>(editor, "removeAttachmentButton");
    QVERIFY(remove->isEnabled());
    Dialogs::setNextButton(QMessageBox::No);
    remove->click();
    QCOMPARE(list->topLevelItemCount(), 2);
    Dialogs::setNextButton(QMessageBox::Yes);
    remove->click();
    QCOMPARE(list->topLevelItemCount(), 1);
    QCOMPARE(CampaignRepository(connection->database()).attachments(id)->first().contentId,
             QStringLiteral("logo@sunrise.example"));
}

void TestCampaignEditor::sendsToAFolderOnlyWithoutErrors()
{
    const qint64 id = createCampaign(QStringLiteral("Hello {{ first_name }}"),
                                     greetingHtml(QStringLiteral("Dear {{ first_name }},")));
    {
        auto connection = Connection::open(m_workspace->path());
        QVERIFY(connection.ok());
        ContactRepository contacts(connection->database());
        QVERIFY(
            contacts
                .setStatus({contacts.findByEmail(QStringLiteral("erin@example.com"))->id}, ContactStatus::Complained)
                .ok());
    }
    CampaignEditor* editor = openUnlocked(id);
    QVERIFY(editor);
    QTemporaryDir out;
    QVERIFY(out.isValid());
    const auto emlFiles = [&out] { return QDir(out.path()).entryList({QStringLiteral("*.eml")}, QDir::Files); };

    // An error (the From address removed) refuses before a folder is asked for.
    QLineEdit* from = child<QLineEdit>(editor, "fromAddressLineEdit");
    from->clear();
    Dialogs::setNextFileName(out.path());
    child<QAction>(editor, "sendToFolderAction")->trigger();
    QVERIFY(Dialogs::lastWarning().startsWith(QStringLiteral("Fix these errors before sending:")));
    QVERIFY(Dialogs::hasPendingAnswers()); // the folder was never asked for
    Dialogs::clearPendingAnswers();
    QVERIFY(emlFiles().isEmpty());

    QTest::keyClicks(from, QStringLiteral("news@sunrise.example"));
    Dialogs::setNextFileName(out.path());
    child<QAction>(editor, "sendToFolderAction")->trigger();
    QVERIFY(editor->isSending() || !Dialogs::lastInformation().isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(!editor->isSending(), timeoutMs);
    QCOMPARE(emlFiles().size(), 9);
    QVERIFY2(Dialogs::lastInformation().startsWith(QStringLiteral("Wrote 9 messages to ")),
             qPrintable(Dialogs::lastInformation()));
    QVERIFY(
        Dialogs::lastInformation().contains(QStringLiteral("0 unsubscribed, 0 bounced, 1 complained, 0 suppressed")));
    QCOMPARE(stored(id)->status, CampaignStatus::Rendered);
    QVERIFY(!editor->isModified());
}

void TestCampaignEditor::asksAboutUnsavedChangesOnClose()
{
    const qint64 id = createCampaign(QStringLiteral("Hello"), greetingHtml(QStringLiteral("Hi")));
    CampaignEditor* editor = openUnlocked(id);
    QVERIFY(editor);
    QPointer<CampaignEditor> guard(editor);
    QLineEdit* name = child<QLineEdit>(editor, "nameLineEdit");
    name->selectAll();
    QTest::keyClicks(name, QStringLiteral("Autumn"));

    Dialogs::setNextButton(QMessageBox::Cancel);
    QVERIFY(!editor->close());
    QVERIFY(!Dialogs::hasPendingAnswers()); // it asked
    QVERIFY(editor->isVisible());

    Dialogs::setNextButton(QMessageBox::Save);
    QVERIFY(editor->close());
    QVERIFY(!Dialogs::hasPendingAnswers());
    QTRY_VERIFY(guard.isNull());
    QCOMPARE(stored(id)->name, QStringLiteral("Autumn"));

    // Discarding keeps what was saved; an unchanged campaign closes without a question.
    editor = m_window->campaignWindows()->openEditor(id);
    QVERIFY(editor);
    guard = editor;
    name = child<QLineEdit>(editor, "nameLineEdit");
    name->selectAll();
    QTest::keyClicks(name, QStringLiteral("Winter"));
    Dialogs::setNextButton(QMessageBox::Discard);
    QVERIFY(editor->close());
    QTRY_VERIFY(guard.isNull());
    QCOMPARE(stored(id)->name, QStringLiteral("Autumn"));

    editor = m_window->campaignWindows()->openEditor(id);
    guard = editor;
    QVERIFY(editor->close());
    QTRY_VERIFY(guard.isNull());
}

void TestCampaignEditor::showsWhyThePreviewIsEmptyWhenTheVaultStaysLocked()
{
    const qint64 id = createCampaign(QStringLiteral("Hello"), greetingHtml(QStringLiteral("Hi")));
    Dialogs::setNextText(std::nullopt); // Cancel at the passphrase prompt
    CampaignEditor* editor = m_window->campaignWindows()->openEditor(id);
    QVERIFY(editor);
    QTRY_VERIFY_WITH_TIMEOUT(!Dialogs::hasPendingAnswers(), timeoutMs);
    auto* locked = child<QLabel>(editor, "previewLockedLabel");
    QVERIFY(locked->isVisible());
    QVERIFY(locked->text().startsWith(QStringLiteral("Unlock the vault to preview")));

    // The button asks again; this time the person answers.
    Dialogs::setNextText(QString::fromLatin1(passphrase));
    Dialogs::setNextText(QString::fromLatin1(passphrase));
    child<QPushButton>(editor, "unlockButton")->click();
    QVERIFY(!locked->isVisible());
    QCOMPARE(child<QLabel>(editor, "previewSubjectLabel")->text(), QStringLiteral("Hello"));
}

QTEST_MAIN(TestCampaignEditor)
#include "test_campaign_editor.moc"
