#pragma once

#include <QString>
#include <QVector>

// The HTML templates a new campaign can start from (resources/templates, built into the
// engine so the window and the CLI offer the same ones).
struct StarterTemplate
{
    QString id;    // "newsletter": what the CLI's --starter takes
    QString title; // translated
    QString html;
};

class StarterTemplates
{
public:
    static QVector<StarterTemplate> all();
    static StarterTemplate byId(const QString& id); // empty html when unknown
    // The footer every new campaign gets: postal address and unsubscribe link.
    static QString defaultFooter();
};
