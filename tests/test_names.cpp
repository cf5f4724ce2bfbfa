// Container names: safe as a directory in the store and as a hostname.
#include "names.h"

#include <QTest>

using namespace Qt::StringLiterals;

namespace hutch {

namespace {

// The message of an error, or a placeholder: QVERIFY2 evaluates its
// message even when the check passes.
QByteArray messageOf(const Status &s)
{
    return s ? s->message.toUtf8() : QByteArray("(no error)");
}

template <typename T>
QByteArray messageOf(const Result<T> &r)
{
    return r.ok() ? QByteArray("(no error)") : r.error().message.toUtf8();
}

}  // namespace

class TestNames : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void validate_data();
    void validate();
};

void TestNames::validate_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("ok");

    QTest::newRow("web") << u"web"_s << true;
    QTest::newRow("c1") << u"c1"_s << true;
    QTest::newRow("my-container_2.test") << u"my-container_2.test"_s << true;
    QTest::newRow("digit first") << u"1web"_s << true;
    QTest::newRow("upper case") << u"WEB"_s << true;
    QTest::newRow("one character") << u"a"_s << true;
    QTest::newRow("64 bytes") << QString(kMaxContainerNameBytes, u'a') << true;

    QTest::newRow("empty") << u""_s << false;
    QTest::newRow(".") << u"."_s << false;
    QTest::newRow("..") << u".."_s << false;
    QTest::newRow("a/b") << u"a/b"_s << false;
    QTest::newRow("/") << u"/"_s << false;
    QTest::newRow("../etc") << u"../etc"_s << false;
    QTest::newRow("-x") << u"-x"_s << false;
    QTest::newRow("_x") << u"_x"_s << false;
    QTest::newRow(".hidden") << u".hidden"_s << false;
    QTest::newRow("newline") << u"web\n"_s << false;
    QTest::newRow("tab") << u"we\tb"_s << false;
    QTest::newRow("NUL") << u"we"_s + QChar(u'\0') + u"b"_s << false;
    QTest::newRow("DEL") << u"web\x7f"_s << false;
    QTest::newRow("space") << u"my web"_s << false;
    QTest::newRow("trailing space") << u"web "_s << false;
    QTest::newRow("no-break space") << u"my\u00a0web"_s << false;
    QTest::newRow("65 bytes") << QString(kMaxContainerNameBytes + 1, u'a') << false;
    QTest::newRow("é") << u"café"_s << false;
    QTest::newRow("é first") << u"éclair"_s << false;
    QTest::newRow("fullwidth digit") << u"\uff11web"_s << false;
    QTest::newRow("colon") << u"a:b"_s << false;
    QTest::newRow("glob") << u"web*"_s << false;
}

void TestNames::validate()
{
    QFETCH(QString, name);
    QFETCH(bool, ok);

    const Status status = validateContainerName(name);
    if (ok) {
        QVERIFY2(!status, messageOf(status));
        return;
    }
    QVERIFY2(status.has_value(), qPrintable(u"accepted: \""_s + name + u'"'));
    QCOMPARE(status->code, Error::Code::InvalidArgument);
    QVERIFY(!status->message.isEmpty());
}

}  // namespace hutch

QTEST_GUILESS_MAIN(hutch::TestNames)
#include "test_names.moc"
