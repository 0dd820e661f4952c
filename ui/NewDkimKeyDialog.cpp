#include "ui/NewDkimKeyDialog.h"
#include "ui_NewDkimKeyDialog.h"

#include "core/campaigns/DkimKeyRepository.h"

#include <QDate>
#include <QPushButton>

NewDkimKeyDialog::NewDkimKeyDialog(QWidget* parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::NewDkimKeyDialog>())
{
    m_ui->setupUi(this);
    setObjectName(QStringLiteral("newDkimKeyDialog"));
    m_ui->buttonBox->button(QDialogButtonBox::Ok)->setText(tr("&Generate"));
    m_ui->algorithmComboBox->addItem(tr("RSA 2048 (accepted everywhere)"),
                                     static_cast<int>(DkimKey::Algorithm::Rsa2048));
    m_ui->algorithmComboBox->addItem(tr("Ed25519 (short; not all receivers check it yet)"),
                                     static_cast<int>(DkimKey::Algorithm::Ed25519));
    // A dated selector: the next key (a rotation) gets a name of its own.
    m_ui->selectorLineEdit->setText(
        QStringLiteral("mailroom%1").arg(QDate::currentDate().toString(QStringLiteral("yyyyMM"))));

    connect(m_ui->domainLineEdit, &QLineEdit::textChanged, this, &NewDkimKeyDialog::revalidate);
    connect(m_ui->selectorLineEdit, &QLineEdit::textChanged, this, &NewDkimKeyDialog::revalidate);
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &NewDkimKeyDialog::accept);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &NewDkimKeyDialog::reject);
    revalidate();
}

NewDkimKeyDialog::~NewDkimKeyDialog() = default;

QString NewDkimKeyDialog::domain() const
{
    return m_ui->domainLineEdit->text().trimmed();
}

QString NewDkimKeyDialog::selector() const
{
    return m_ui->selectorLineEdit->text().trimmed().toLower();
}

DkimKey::Algorithm NewDkimKeyDialog::algorithm() const
{
    return static_cast<DkimKey::Algorithm>(m_ui->algorithmComboBox->currentData().toInt());
}

void NewDkimKeyDialog::revalidate()
{
    QString problem;
    // An empty domain is not yet a mistake: say nothing until something is typed.
    if (!domain().isEmpty()) {
        if (Result<QString> ascii = DkimKeyRepository::asciiDomain(domain()); !ascii) {
            problem = ascii.error().message;
        }
    }
    if (problem.isEmpty() && !selector().isEmpty()) {
        if (Status valid = DkimKeyRepository::validateSelector(selector()); !valid) {
            problem = valid.error().message;
        }
    }
    m_ui->errorLabel->setText(problem);
    m_ui->buttonBox->button(QDialogButtonBox::Ok)
        ->setEnabled(problem.isEmpty() && !domain().isEmpty() && !selector().isEmpty());
}
