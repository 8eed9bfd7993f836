# The crossed count dimensions (process × category, process × lead department) and the report runs.

import django.db.models.deletion
import django.utils.timezone
import fengqiao.reports.models
from django.conf import settings
from django.db import migrations, models

DIMENSIONS = [('all', '全部'), ('process', '流程'), ('category', '诉求类别'), ('dispute_type', '纠纷类型'),
              ('channel', '来源渠道'), ('department', '主办部门'), ('proc_category', '流程 × 诉求类别'),
              ('proc_department', '流程 × 主办部门')]


class Migration(migrations.Migration):

    dependencies = [
        ('regions', '0002_department_kind'),
        ('reports', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name='dailycount',
            name='dimension',
            field=models.CharField(choices=DIMENSIONS, max_length=16, verbose_name='维度'),
        ),
        migrations.AlterField(
            model_name='statecount',
            name='dimension',
            field=models.CharField(choices=DIMENSIONS, max_length=16, verbose_name='维度'),
        ),
        migrations.CreateModel(
            name='ReportRun',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('monthly', '月报'), ('quarterly', '季报'), ('annual_petition', '信访情况年度报告')], max_length=20, verbose_name='报表类型')),
                ('period', models.CharField(max_length=10, verbose_name='统计期间')),
                ('file_format', models.CharField(choices=[('xlsx', 'Excel 表格（XLSX）'), ('pdf', 'PDF 文档')], max_length=8, verbose_name='文件格式')),
                ('status', models.CharField(choices=[('queued', '排队中'), ('running', '生成中'), ('done', '已完成'), ('failed', '失败')], default='queued', max_length=10, verbose_name='状态')),
                ('progress', models.PositiveSmallIntegerField(default=0, verbose_name='进度（%）')),
                ('file', models.FileField(blank=True, max_length=200, upload_to=fengqiao.reports.models.report_upload_to, verbose_name='文件')),
                ('error', models.TextField(blank=True, verbose_name='失败原因')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='申请时间')),
                ('finished_at', models.DateTimeField(blank=True, null=True, verbose_name='完成时间')),
                ('region', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='regions.region', verbose_name='区划')),
                ('requested_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='申请人')),
            ],
            options={
                'verbose_name': '报表生成记录',
                'verbose_name_plural': '报表生成记录',
                'ordering': ['-created_at', '-pk'],
                'indexes': [models.Index(fields=['requested_by', '-created_at'], name='report_run_requester')],
            },
        ),
    ]
